using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vigil.Features.Export;
using Vigil.Features.Import;
using Vigil.Model;

namespace Vigil.Features.Sanctions;

/// <summary>What the FtM import did with the edges of a file (Ownership, Directorship, Succession, Representation, Membership, UnknownLink).</summary>
/// <see cref="OutsideGraph"/> counts the edges skipped because an end is an entity of the file that is not in the graph (an untracked list entry, an owner no list names).
public sealed record FtmRelationsSummary(int Created, int Updated, int Skipped, IReadOnlyList<string> Unresolved, int OutsideGraph = 0)
{
    public bool ChangedNothing => Created + Updated == 0;

    public override string ToString() =>
        $"relationships {Created} created, {Updated} updated, {Skipped} link(s) of no Vigil type skipped"
        + (OutsideGraph == 0 ? "" : $", {OutsideGraph} skipped as an end is not in the graph (a list entry or an entity no list names)")
        + (Unresolved.Count == 0 ? "" : $"; {Unresolved.Count} relationship(s) skipped, an end is not in the file nor in Vigil:\n  " + string.Join("\n  ", Unresolved));
}

/// <summary>
/// The edges of a FollowTheMoney file, and whole Vigil exports (<see cref="ExportFtmHandler"/>): kept
/// apart from the sanctions import, which this part only extends.
/// <para>An edge becomes a relationship: <c>Ownership</c> is owns (with its percentage), subsidiary-of
/// (role "subsidiary of": the asset is the subsidiary) or invests-in (role "investor");
/// <c>Directorship</c> is officer-of with its role; <c>Succession</c>, <c>Representation</c> and
/// <c>Membership</c> are successor-of, brokers-for and part-of; an <c>UnknownLink</c> whose role is a
/// Vigil type is that type. Both ends resolve as a sanction's entity does (FtM id, then name, then the
/// file's entity); an edge with an end that resolves to nothing is reported, not fatal. Relationships
/// are keyed by the entity's id, so the same file twice changes nothing.</para>
/// <para>A file whose every id starts with <c>vigil-</c> is a Vigil export: its actors, relationships
/// and sanctions come back as the records they were (keyed by slug, so a re-import updates), with the
/// marking, status, state kind and confidence the export wrote as keywords, each record citing the
/// sources its <c>sourceUrl</c> names (found by URL or created) and the file.</para>
/// </summary>
public sealed partial class ImportFtmHandler
{
    private static readonly HashSet<string> s_edgeSchemas = ["Ownership", "Directorship", "Succession", "Representation", "Membership", "UnknownLink"];

    /// <summary>Whether the entities are a Vigil export (every id starts with <see cref="ExportFtmHandler.IdPrefix"/>).</summary>
    private static bool IsVigilExport(List<Entity> entities) =>
        entities.Count > 0 && entities.All(e => e.Id.StartsWith(ExportFtmHandler.IdPrefix, StringComparison.Ordinal));

    /// <summary>An edge as a Vigil relationship: its type, the FtM ids of its two ends (Vigil's direction), role and share; null for a link of no Vigil type.</summary>
    private static (RelationshipType Type, string From, string To, string? Role, decimal? Share)? EdgeOf(Entity e)
    {
        string End(string property) => e.First(property) ?? "";
        var role = e.First("role");
        switch (e.Schema)
        {
            case "Ownership":
                var share = decimal.TryParse(e.First("percentage")?.TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 100 ? p : (decimal?)null;
                return role?.Equals(ExportFtmHandler.SubsidiaryRole, StringComparison.OrdinalIgnoreCase) == true
                    ? (RelationshipType.SubsidiaryOf, End("asset"), End("owner"), null, share)
                    : role?.Equals(ExportFtmHandler.InvestorRole, StringComparison.OrdinalIgnoreCase) == true
                        ? (RelationshipType.InvestsIn, End("owner"), End("asset"), null, share)
                        : (RelationshipType.Owns, End("owner"), End("asset"), role, share);
            case "Directorship": return (RelationshipType.OfficerOf, End("director"), End("organization"), role, null);
            case "Succession": return (RelationshipType.SuccessorOf, End("successor"), End("predecessor"), role, null);
            case "Representation": return (RelationshipType.BrokersFor, End("agent"), End("client"), role, null);
            case "Membership": return (RelationshipType.PartOf, End("member"), End("organization"), role, null);
            case "UnknownLink" when RelationshipTypes.TryParse(role, out var type) && !type.TargetsProduct():
                return (type, End("subject"), End("object"), null, null);
            default: return null;
        }
    }

    /// <summary>The errors of the file's edges: an end missing, a date that is not one. Checked before anything is written.</summary>
    private static IEnumerable<ImportError> CheckEdges(List<Entity> entities, string name)
    {
        foreach (var e in entities.Where(e => s_edgeSchemas.Contains(e.Schema) || IsVigilRecord(e)))
        {
            if (EdgeOf(e) is { } edge && (edge.From.Length == 0 || edge.To.Length == 0))
            {
                yield return new ImportError(name, e.Id, e.Schema, $"a {e.Schema} must name both its ends", e.Line);
            }
            foreach (var field in new[] { "startDate", "endDate", "listingDate", "incorporationDate", "dissolutionDate", "birthDate", "deathDate" })
            {
                foreach (var value in e.All(field).Where(v => DateOf(v) is null))
                {
                    yield return new ImportError(name, e.Id, field, $"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", e.Line);
                }
            }
            if (e.Id.StartsWith(ExportFtmHandler.ActorPrefix, StringComparison.Ordinal) && e.First("name") is null)
            {
                yield return new ImportError(name, e.Id, "name", "an actor needs a name", e.Line);
            }
        }
    }

    /// <summary>The slug a Vigil export's id carries, as it is ("a--owns--b"), or made from it where it is no slug.</summary>
    private static string SlugOf(string id, string prefix)
    {
        var slug = id[prefix.Length..];
        return slug.Length is > 0 and <= 200 && slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') ? slug : Common.Slugs.FromText(slug);
    }

    private static bool IsVigilRecord(Entity e) => e.Id.StartsWith(ExportFtmHandler.IdPrefix, StringComparison.Ordinal);

    /// <summary>The file's edges as relationships, their ends resolved by <paramref name="resolve"/> (the sanctions import's own resolution).</summary>
    /// <remarks>With <c>inFile</c> (whether an id is an entity of the file), an end that is one but does not resolve is outside the graph, not unresolved.</remarks>
    private async Task<FtmRelationsSummary> ImportEdgesAsync(List<Entity> entities, Func<string, Task<Actor?>> resolve, Func<Task<Source>> source, CancellationToken ct,
        Func<string, bool>? inFile = null)
    {
        int created = 0, updated = 0, skipped = 0, outside = 0;
        var unresolved = new List<string>();
        foreach (var e in entities.Where(e => s_edgeSchemas.Contains(e.Schema)))
        {
            if (EdgeOf(e) is not { } edge)
            {
                skipped++;
                continue;
            }
            var from = await resolve(edge.From);
            var to = await resolve(edge.To);
            if ((from is null || to is null) && inFile is not null && (from is not null || inFile(edge.From)) && (to is not null || inFile(edge.To)))
            {
                outside++;
                continue;
            }
            if (from is null || to is null)
            {
                unresolved.Add($"line {e.Line}: {e.Schema} {e.Id} of {(from is null ? edge.From : edge.To)}");
                continue;
            }
            var vigil = e.Id.StartsWith(ExportFtmHandler.RelationshipPrefix, StringComparison.Ordinal);
            var slug = vigil ? SlugOf(e.Id, ExportFtmHandler.RelationshipPrefix) : Common.Slugs.FromText("ftm " + e.Id);
            var relationship = await db.Relationships.AsTracking().FirstOrDefaultAsync(r => r.Slug == slug, ct)
                ?? db.Relationships.Local.FirstOrDefault(r => r.Slug == slug);
            var (marking, status, confidence) = vigil ? KeywordsOf(e) : (Marking.Clear, ReviewStatus.Published, Confidence.Moderate);
            if (relationship is null)
            {
                relationship = new Relationship { Slug = slug, Marking = marking, Status = status };
                db.Relationships.Add(relationship);
                foreach (var s in await SourcesOfAsync(e, source))
                {
                    Cite(relationship, "relationship:" + slug, s, vigil ? null : e.Id);
                }
                created++;
            }
            var changed = false;
            void Set<T>(T current, T value, Action<T> set)
            {
                if (!EqualityComparer<T>.Default.Equals(current, value))
                {
                    set(value);
                    changed = true;
                }
            }
            Set(relationship.Type, edge.Type, v => relationship.Type = v);
            if (relationship.FromActor != from && (from.Id == 0 || relationship.FromActorId != from.Id))
            {
                relationship.FromActor = from;
                changed = true;
            }
            if (relationship.ToActor != to && (to.Id == 0 || relationship.ToActorId != to.Id))
            {
                relationship.ToActor = to;
                changed = true;
            }
            Set(relationship.Role, edge.Role is null ? null : Trim(edge.Role, 200), v => relationship.Role = v);
            Set(relationship.SharePercent, edge.Share, v => relationship.SharePercent = v);
            Set(relationship.StartDate, Earliest(e.All("startDate")), v => relationship.StartDate = v);
            Set(relationship.EndDate, Latest(e.All("endDate")), v => relationship.EndDate = v);
            Set(relationship.Description, e.First("description") ?? e.First("summary"), v => relationship.Description = v);
            Set(relationship.Confidence, confidence, v => relationship.Confidence = v);
            if (changed && relationship.Id != 0)
            {
                updated++;
            }
        }
        return new FtmRelationsSummary(created, updated, skipped, unresolved, outside);
    }

    /// <summary>A Vigil export: actors by slug first, then the edges between them, then the sanctions.</summary>
    private async Task<FtmImportSummary> ImportVigilExportAsync(List<Entity> entities, string file, string name, CancellationToken ct)
    {
        Source? fileSource = null;
        async Task<Source> FileSourceAsync() => fileSource ??= await GraphSourceAsync(file, name, ct);
        var actors = new Dictionary<string, Actor>(StringComparer.Ordinal);
        int actorsCreated = 0, actorsUpdated = 0, measuresCreated = 0, measuresUpdated = 0, authoritiesCreated = 0;
        foreach (var e in entities.Where(e => e.Id.StartsWith(ExportFtmHandler.ActorPrefix, StringComparison.Ordinal) && s_actorSchemas.ContainsKey(e.Schema)))
        {
            var slug = SlugOf(e.Id, ExportFtmHandler.ActorPrefix);
            var (marking, status, _) = KeywordsOf(e);
            var actor = await db.Actors.AsTracking().Include(a => a.Aliases).Include(a => a.Identifiers).FirstOrDefaultAsync(a => a.Slug == slug, ct);
            if (actor is null)
            {
                actor = new Actor { Slug = slug, Marking = marking, Status = status };
                db.Actors.Add(actor);
                foreach (var s in await SourcesOfAsync(e, FileSourceAsync))
                {
                    Cite(actor, "actor:" + slug, s, null);
                }
                actorsCreated++;
            }
            var person = e.Schema == "Person";
            var kind = e.All("keywords").Contains(ExportFtmHandler.StateKeyword) ? ActorKind.State : s_actorSchemas[e.Schema];
            var changed = false;
            void Set<T>(T current, T value, Action<T> set)
            {
                if (!EqualityComparer<T>.Default.Equals(current, value))
                {
                    set(value);
                    changed = true;
                }
            }
            Set(actor.Name, Trim(e.First("name")!, 500), v => actor.Name = v);
            Set(actor.ActorKind, kind, v => actor.ActorKind = v);
            Set(actor.Country, Country(e.First("country")), v => actor.Country = v);
            Set(actor.Description, e.First("description"), v => actor.Description = v);
            Set(actor.StartDate, Earliest(e.All(person ? "birthDate" : "incorporationDate")), v => actor.StartDate = v);
            Set(actor.EndDate, Latest(e.All(person ? "deathDate" : "dissolutionDate")), v => actor.EndDate = v);
            foreach (var alias in e.All("alias").Where(a => a.Length <= 500 && !actor.Aliases.Any(x => x.Name == a)))
            {
                actor.Aliases.Add(new ActorAlias { Name = alias });
                changed = true;
            }
            var identifiers = e.All("idNumber").Select(v => v.Split(':', 2)).Where(p => p.Length == 2 && p[0].Length is > 0 and <= 50 && p[1].Length is > 0 and <= 200).Select(p => (Scheme: p[0], Value: p[1]))
                .Concat(e.All("wikidataId").Where(v => v.Length <= 200).Select(v => (Scheme: "wikidata", Value: v))).Distinct();
            foreach (var (scheme, value) in identifiers.Where(i => !actor.Identifiers.Any(x => x.Scheme == i.Scheme && x.Value == i.Value)))
            {
                actor.Identifiers.Add(new ActorIdentifier { Scheme = scheme, Value = value });
                changed = true;
            }
            if (changed && actor.Id != 0)
            {
                actorsUpdated++;
            }
            actors[e.Id] = actor;
        }

        async Task<Actor?> ResolveAsync(string ftmId)
        {
            if (actors.TryGetValue(ftmId, out var actor) || !ftmId.StartsWith(ExportFtmHandler.ActorPrefix, StringComparison.Ordinal))
            {
                return actor;
            }
            var slug = ftmId[ExportFtmHandler.ActorPrefix.Length..];
            actor = await db.Actors.AsTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct);
            return actor is null ? null : actors[ftmId] = actor;
        }
        var relations = await ImportEdgesAsync(entities, ResolveAsync, FileSourceAsync, ct);

        var unresolved = new List<string>();
        foreach (var e in entities.Where(e => e.Schema == "Sanction" && e.Id.StartsWith(ExportFtmHandler.MeasurePrefix, StringComparison.Ordinal)))
        {
            var targets = new List<Actor>();
            foreach (var id in e.All("entity"))
            {
                if (await ResolveAsync(id) is { } target)
                {
                    targets.Add(target);
                }
                else
                {
                    unresolved.Add($"line {e.Line}: sanction {e.Id} of entity {id}");
                }
            }
            if (targets.Count == 0)
            {
                continue;
            }
            var authorityName = e.First("authority")!;
            var country = Country(e.First("country"));
            var authority = actors.Values.Where(a => a.ActorKind != ActorKind.Person && a.Name == authorityName && (country is null || a.Country == country)).FirstOrDefault()
                ?? await db.Actors.AsTracking().Where(a => a.ActorKind != ActorKind.Person && a.Name == authorityName).OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
            if (authority is null)
            {
                var slug = Common.Slugs.FromText(country is null ? authorityName : $"{authorityName} {country}");
                authority = new Actor { Slug = slug, Name = Trim(authorityName, 500), ActorKind = ActorKind.PublicBody, Country = country, Marking = Marking.Clear, Status = ReviewStatus.Published };
                db.Actors.Add(authority);
                Cite(authority, "actor:" + slug, await FileSourceAsync(), null);
                actors["authority " + authorityName] = authority;
                authoritiesCreated++;
            }
            var measureSlug = SlugOf(e.Id, ExportFtmHandler.MeasurePrefix);
            var measure = await db.Measures.AsTracking().Include(m => m.Targets).FirstOrDefaultAsync(m => m.Slug == measureSlug, ct);
            var (marking, status, _) = KeywordsOf(e);
            if (measure is null)
            {
                measure = new Measure { Slug = measureSlug, Marking = marking, Status = status };
                db.Measures.Add(measure);
                foreach (var s in await SourcesOfAsync(e, FileSourceAsync))
                {
                    Cite(measure, "measure:" + measureSlug, s, null);
                }
                measuresCreated++;
            }
            var changed = false;
            void Set<T>(T current, T value, Action<T> set)
            {
                if (!EqualityComparer<T>.Default.Equals(current, value))
                {
                    set(value);
                    changed = true;
                }
            }
            Set(measure.Type, MeasureTerms.TryParse(e.First("provisions"), out MeasureType type) ? type : MeasureType.Sanction, v => measure.Type = v);
            Set(measure.Title, Trim(e.First("summary") ?? $"{authorityName}: {targets[0].Name}", 1000), v => measure.Title = v);
            if (measure.Authority != authority && (authority.Id == 0 || measure.AuthorityId != authority.Id))
            {
                measure.Authority = authority;
                changed = true;
            }
            Set(measure.Programme, e.First("program") is { } programme ? Trim(programme, 300) : null, v => measure.Programme = v);
            Set(measure.Reference, e.First("authorityId") is { } reference ? Trim(reference, 1000) : null, v => measure.Reference = v);
            Set(measure.AnnouncedDate, Earliest(e.All("listingDate")), v => measure.AnnouncedDate = v);
            Set(measure.EffectiveDate, Earliest(e.All("startDate")), v => measure.EffectiveDate = v);
            Set(measure.LiftedDate, Latest(e.All("endDate")), v => measure.LiftedDate = v);
            Set(measure.Stage, MeasureTerms.TryParse(e.First("status"), out MeasureStage stage) ? stage : MeasureStage.InForce, v => measure.Stage = v);
            Set(measure.Description, e.First("description"), v => measure.Description = v);
            foreach (var target in targets.Where(t => !measure.Targets.Any(x => x.Actor == t || t.Id != 0 && x.ActorId == t.Id)))
            {
                measure.Targets.Add(new MeasureTarget { Actor = target });
                changed = true;
            }
            if (changed && measure.Id != 0)
            {
                measuresUpdated++;
            }
        }

        var summary = new FtmImportSummary(entities.Count, actorsCreated, actorsUpdated, authoritiesCreated, measuresCreated, measuresUpdated,
            entities.Count(e => !s_actorSchemas.ContainsKey(e.Schema) && e.Schema != "Sanction" && !s_edgeSchemas.Contains(e.Schema)), unresolved)
        { Relations = relations };
        if (!db.ChangeTracker.HasChanges())
        {
            return summary;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeReason = $"import Vigil FollowTheMoney export {name}";
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return summary;
    }

    /// <summary>The marking, status and confidence a Vigil export wrote as keywords or statuses (<see cref="ExportFtmHandler"/>).</summary>
    private static (Marking Marking, ReviewStatus Status, Confidence Confidence) KeywordsOf(Entity e)
    {
        var marking = Marking.Clear;
        var status = ReviewStatus.Published;
        var confidence = Confidence.Moderate;
        foreach (var keyword in e.All("keywords").Concat(e.All("status")))
        {
            if (keyword.StartsWith("TLP:", StringComparison.OrdinalIgnoreCase) && Markings.TryParse(keyword, out var m))
            {
                marking = m;
            }
            else if (keyword.StartsWith("confidence:", StringComparison.Ordinal) && Confidences.TryParse(keyword["confidence:".Length..], out var c))
            {
                confidence = c;
            }
            else if (ReviewStatuses.TryParse(keyword, out var s))
            {
                status = s;
            }
        }
        return (marking, status, confidence);
    }

    private readonly Dictionary<string, Source> _sourcesByUrl = new(StringComparer.Ordinal);

    /// <summary>
    /// The sources an entity names by <c>sourceUrl</c> (an existing source with that URL, else a new one
    /// with its publisher), or the file when it names none.
    /// </summary>
    private async Task<List<Source>> SourcesOfAsync(Entity e, Func<Task<Source>> file)
    {
        var urls = e.All("sourceUrl").Where(u => u.Length <= 2000 && Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https").Distinct().ToList();
        var list = new List<Source>();
        var publisher = e.All("publisher").Count == 1 ? e.First("publisher") : null;
        foreach (var url in urls)
        {
            if (!_sourcesByUrl.TryGetValue(url, out var source))
            {
                source = await db.Sources.AsTracking().Where(s => s.Url == url).OrderBy(s => s.Id).FirstOrDefaultAsync();
                if (source is null)
                {
                    var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(url)));
                    source = new Source
                    {
                        Slug = "ftm-url-" + hash[..16], Title = Trim(Model.Source.Address(url), 500), Url = url, Publisher = publisher is null ? null : Trim(publisher, 300),
                        SourceKind = SourceKind.Other, Reliability = 'F', Marking = Marking.Clear, Status = ReviewStatus.Published,
                        AccessedDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    };
                    db.Sources.Add(source);
                }
                _sourcesByUrl[url] = source;
            }
            list.Add(source);
        }
        return list.Count > 0 ? list : [await file()];
    }

    private async Task<Source> GraphSourceAsync(string file, string name, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        var slug = "ftm-" + hash[..12];
        return await db.Sources.AsTracking().FirstOrDefaultAsync(s => s.Slug == slug, ct) ?? db.Sources.Add(new Source
        {
            Slug = slug,
            Title = $"Vigil FollowTheMoney export: {name}",
            Publisher = "Vigil",
            SourceKind = SourceKind.Dataset,
            AccessedDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ContentHash = hash,
            Reliability = 'C',
            Marking = Marking.Clear,
            Status = ReviewStatus.Published,
        }).Entity;
    }
}
