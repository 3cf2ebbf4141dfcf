using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Microsoft.Extensions.Options;
using Vigil.Features.Import;
using Vigil.Features.Screening;
using Vigil.Model;

namespace Vigil.Features.Sanctions;

/// <summary>What a FollowTheMoney import did. <see cref="Unresolved"/> names the sanctions whose entity is neither in the file nor in the graph.</summary>
public sealed record FtmImportSummary(
    int Lines, int ActorsCreated, int ActorsLinked, int AuthoritiesCreated, int MeasuresCreated, int MeasuresUpdated,
    int OtherEntities, IReadOnlyList<string> Unresolved)
{
    public bool ChangedNothing => ActorsCreated + ActorsLinked + AuthoritiesCreated + MeasuresCreated + MeasuresUpdated == 0 && Relations?.ChangedNothing != false
        && List?.ChangedNothing != false;

    /// <summary>What became of the screening list's entries (none for a Vigil export).</summary>
    public FtmListSummary? List { get; init; }

    /// <summary>What became of the file's edges (Ownership, Directorship…).</summary>
    public FtmRelationsSummary? Relations { get; init; }

    public override string ToString() =>
        $"{Lines} entities read; " + (List is null ? "" : $"{List}; ") + $"actors {ActorsCreated} created, {ActorsLinked} linked to existing; {AuthoritiesCreated} authorities created; "
        + $"measures {MeasuresCreated} created, {MeasuresUpdated} updated; {OtherEntities} entities of other schemas not imported"
        + (Unresolved.Count == 0 ? "" : $"; {Unresolved.Count} sanction(s) skipped, their entity is not in the file nor in Vigil:\n  " + string.Join("\n  ", Unresolved))
        + (Relations is null ? "" : $"; {Relations}");
}

/// <summary>
/// Imports <c>Sanction</c> entities of a FollowTheMoney file (one JSON object a line, as OpenSanctions
/// exports them) as measures, with their authority, programme, reference and dates. The sanctioned
/// entity (a <c>Person</c>, <c>Company</c>, <c>Organization</c>, <c>LegalEntity</c> or <c>PublicBody</c>
/// of the same file) becomes or links to an actor: by its FtM id (identifier <c>opensanctions</c>) first,
/// then by the same name key as the SDN import (<see cref="ImportSdnHandler.Key"/>) with a compatible kind
/// and no conflicting country. The authority is an actor too: found by name or alias, else a new public
/// body of the sanction's country, so the gap matrix counts the country as acting through its agency.
/// <para>A sanction whose entity is neither in the file nor in the graph is reported, not fatal. A line
/// that is not a JSON object with an id and a schema, a sanction without an entity or authority, or a
/// date that is not a date refuses the whole file, each error with its line: nothing is written. The
/// same file twice changes nothing (measures are keyed by the sanction's id).</para>
/// </summary>
public sealed partial class ImportFtmHandler(VigilDb db, TimeProvider clock, IOptions<ScreeningOptions>? options = null)
{
    /// <summary>The identifier scheme of FtM (OpenSanctions) entity ids.</summary>
    public const string Scheme = "opensanctions";

    private static readonly Dictionary<string, ActorKind> s_actorSchemas = new(StringComparer.Ordinal)
    {
        ["Person"] = ActorKind.Person, ["Company"] = ActorKind.Company, ["Organization"] = ActorKind.Organisation,
        ["LegalEntity"] = ActorKind.Company, ["PublicBody"] = ActorKind.PublicBody,
    };

    private sealed record Entity(int Line, string Id, string Schema, string? Caption, KeyValuePair<string, List<string>>[] Properties)
    {
        /// <summary>The datasets the entity comes from (OpenSanctions' <c>datasets</c>).</summary>
        public List<string> Datasets { get; init; } = [];

        /// <summary>Other ids of the entity (OpenSanctions' <c>referents</c>: <c>ofac-45928</c>…).</summary>
        public List<string> Referents { get; init; } = [];

        /// <summary>When the entity was first and last seen (OpenSanctions' <c>first_seen</c>, <c>last_seen</c>), as dates.</summary>
        public string? FirstSeen { get; init; }

        public string? LastSeen { get; init; }

        /// <summary>
        /// Where the line of an entity read in part lies in the file (its id, schema, line, referents and <c>last_seen</c> only;
        /// <see cref="FtmFile.Full(Entity)"/> reads the rest); null for an entity read whole.
        /// </summary>
        public (long Offset, int Length)? Place { get; init; }

        /// <summary>The values of a property (empty when it has none): a few properties an entity, looked up in order.</summary>
        public List<string> All(string name)
        {
            if (Place is not null)
            {
                throw new InvalidOperationException($"Entity {Id} was read in part: read it in full first (FtmFile.Full).");
            }
            foreach (var p in Properties)
            {
                if (p.Key == name)
                {
                    return p.Value;
                }
            }
            return [];
        }

        public string? First(string name) => All(name).FirstOrDefault();
    }

    /// <summary>Imports <paramref name="file"/>, refusing a mass delisting (<see cref="ListImportSanity"/>).</summary>
    public async Task<FtmImportSummary> HandleAsync(string file, CancellationToken ct = default) => await HandleAsync(file, false, ct);

    /// <summary>
    /// Imports <paramref name="file"/>; unless <paramref name="allowMassDelisting"/>, a file that would delist more than
    /// <see cref="ListImportSanity.DefaultMaxLiftedShare"/> of the FtM list entries listed is refused (<see cref="ListImportSanity"/>).
    /// </summary>

    public async Task<FtmImportSummary> HandleAsync(string file, bool allowMassDelisting, CancellationToken ct = default)
    {
        if (!db.Reader.SeesUnpublished || db.Reader.Clearance != Marking.Red)
        {
            throw new InvalidOperationException("Imports run as the system reader, which sees every record.");
        }
        var name = Path.GetFileName(file);
        using var ftm = new FtmFile(file, name);
        var (entities, errors) = ftm.Read();
        if (entities.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportError(name, null, null, "no entity read: the file is empty; refused (it would create a source citing nothing)"));
        }
        var byId = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (var e in entities)
        {
            byId.TryAdd(e.Id, e);
        }
        var sanctions = entities.Where(e => e.Schema == "Sanction").ToList();
        foreach (var s in sanctions)
        {
            if (s.All("entity").Count == 0)
            {
                errors.Add(new ImportError(name, s.Id, "entity", "a Sanction must name the sanctioned entity", s.Line));
            }
            if (s.All("authority").Count == 0)
            {
                errors.Add(new ImportError(name, s.Id, "authority", "a Sanction must name its authority", s.Line));
            }
            foreach (var field in new[] { "startDate", "listingDate", "endDate" })
            {
                foreach (var value in s.All(field).Where(v => DateOf(v) is null))
                {
                    errors.Add(new ImportError(name, s.Id, field, $"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", s.Line));
                }
            }
        }
        errors.AddRange(CheckEdges(entities, name));
        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors);
        }
        if (IsVigilExport(entities))
        {
            return await ImportVigilExportAsync(entities, file, name, ct);
        }

        // The source is created only when the graph gains something from the file.
        Source? fileSource = null;
        async Task<Source> SourceOfFileAsync() => fileSource ??= await SourceAsync(file, name, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var snapshot = entities.Select(e => e.LastSeen).OfType<string>().Order(StringComparer.Ordinal).LastOrDefault() ?? today;
        var tracked = (options?.Value ?? new ScreeningOptions()).Tracked();
        var actorsCreated = 0;
        var linked = 0;
        var authoritiesCreated = 0;
        var created = 0;
        var updated = 0;
        var unresolved = new List<string>();

        // The list: every sanctioned entity of the file, with its sanctions; the sanity check before anything is written.
        var sanctionsOf = sanctions.GroupBy(s => s.First("entity")!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var listedEntities = sanctionsOf.Keys.Where(byId.ContainsKey).Select(id => byId[id]).Where(e => e.Schema != "Sanction" && !s_edgeSchemas.Contains(e.Schema)).ToList();
        var stored = await ListDelta.StoredAsync(db, Dataset, ct);
        // An entity the file still sanctions stays listed, even where the file lacks its details.
        var inFile = sanctionsOf.Keys.ToHashSet(StringComparer.Ordinal);
        ListImportSanity.Check(name, listedEntities.Count, stored.Values.Count(x => !x.Delisted),
            stored.Count(x => !x.Value.Delisted && !inFile.Contains(x.Key) && string.CompareOrdinal(x.Value.SnapshotDate, snapshot) <= 0), allowMassDelisting);

        var actorSlugs = (await db.Actors.Select(a => a.Slug).ToListAsync(ct)).ToHashSet();
        var known = await db.ActorIdentifiers.Where(i => i.Scheme == Scheme).Select(i => new { i.Value, i.ActorId }).ToListAsync(ct);
        var actorIdByFtm = known.GroupBy(k => k.Value).ToDictionary(g => g.Key, g => g.First().ActorId);
        // An entity of the list is in the graph when an actor holds its FtM id, when a reviewed match linked its
        // entry to an actor, when an actor holds another of its identifiers (an OFAC entry number its referents
        // name), or when one of its programmes is tracked. Any other stays a list entry.
        var ofacActors = (await db.ActorIdentifiers.Where(i => i.Scheme == ImportSdnHandler.Scheme).Select(i => new { i.Value, i.ActorId }).ToListAsync(ct))
            .GroupBy(i => i.Value).ToDictionary(g => g.Key, g => g.First().ActorId);
        var linkedActor = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var e in listedEntities.Where(e => !actorIdByFtm.ContainsKey(e.Id)))
        {
            if (stored.TryGetValue(e.Id, out var entry) && entry.ActorId is { } reviewed)
            {
                linkedActor[e.Id] = reviewed;
            }
            else if (IdentifiersOf(e).Where(i => i.Scheme == ImportSdnHandler.Scheme).Select(i => ofacActors.GetValueOrDefault(i.Value)).FirstOrDefault(id => id != 0) is var byOfac and not 0)
            {
                linkedActor[e.Id] = byOfac;
            }
        }
        var graphIds = listedEntities.Where(e => s_actorSchemas.ContainsKey(e.Schema)
                && (actorIdByFtm.ContainsKey(e.Id) || linkedActor.ContainsKey(e.Id) || ProgrammesOf(sanctionsOf[e.Id]).Any(tracked.Contains)))
            .Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var outsideGraph = 0;
        var actors = new Dictionary<string, Actor>(StringComparer.Ordinal);
        var authorities = new Dictionary<(string, string?), Actor>();
        Dictionary<string, List<(long Id, ActorKind Kind, string? Country)>>? byKey = null;

        foreach (var s in sanctions)
        {
            var target = await TargetAsync(s.First("entity")!);
            if (target is null && byId.ContainsKey(s.First("entity")!))
            {
                // A list entry outside the graph: screened, not a measure.
                outsideGraph++;
                continue;
            }
            if (target is null)
            {
                unresolved.Add($"line {s.Line}: sanction {s.Id} of entity {s.First("entity")}");
                continue;
            }
            var country = Country(s.First("country"));
            var authority = await AuthorityAsync(s.First("authority")!, country);
            var slug = Common.Slugs.FromText("ftm " + s.Id);
            var measure = await db.Measures.AsTracking().Include(m => m.Targets).Include(m => m.Steps).FirstOrDefaultAsync(m => m.Slug == slug, ct);
            if (measure is null)
            {
                measure = new Measure { Slug = slug, Marking = Marking.Clear, Status = ReviewStatus.Published };
                db.Measures.Add(measure);
                Cite(measure, "measure:" + slug, await SourceOfFileAsync(), s.Id);
                created++;
            }
            var programme = s.First("programId") ?? s.First("program");
            var effective = Earliest(s.All("startDate")) ?? Earliest(s.All("listingDate"));
            var end = Latest(s.All("endDate"));
            var ended = s.All("status").Any(v => v.Equals("expired", StringComparison.OrdinalIgnoreCase) || v.Equals("inactive", StringComparison.OrdinalIgnoreCase))
                || (end is not null && string.CompareOrdinal(end, today) <= 0);
            var provisions = string.Join("; ", s.All("provisions").Take(5));
            var others = s.All("authority").Skip(1).ToList();
            var description = string.Join(" ", new[]
            {
                s.First("summary"),
                provisions.Length > 0 ? $"Provisions: {provisions}." : null,
                others.Count > 0 ? $"Also named as authority: {string.Join(", ", others)}." : null,
                end is not null && !ended ? $"Ends {end}." : null,
            }.OfType<string>());
            var changed = false;
            void Set<T>(T current, T value, Action<T> set)
            {
                if (!EqualityComparer<T>.Default.Equals(current, value))
                {
                    set(value);
                    changed = true;
                }
            }
            Set(measure.Type, TypeOf(s), v => measure.Type = v);
            Set(measure.Title, Trim($"{authority.Name}: {target.Name}{(programme is null ? "" : $" ({programme})")}", 500), v => measure.Title = v);
            if (authority.Id == 0 || measure.AuthorityId != authority.Id)
            {
                measure.Authority = authority;
                changed = true;
            }
            Set(measure.Programme, programme is null ? null : Trim(programme, 500), v => measure.Programme = v);
            Set(measure.Reference, Trim(s.First("reason") ?? s.First("recordId") ?? s.Id, 500), v => measure.Reference = v);
            Set(measure.AnnouncedDate, Earliest(s.All("listingDate")), v => measure.AnnouncedDate = v);
            Set(measure.EffectiveDate, effective, v => measure.EffectiveDate = v);
            Set(measure.LiftedDate, ended ? end : null, v => measure.LiftedDate = v);
            Set(measure.Stage, ended ? MeasureStage.Expired : MeasureStage.InForce, v => measure.Stage = v);
            Set(measure.Description, description.Length == 0 ? null : description, v => measure.Description = v);
            if (!measure.Targets.Any(t => t.ActorId == target.Id && target.Id != 0 || t.Actor == target))
            {
                measure.Targets.Add(new MeasureTarget { Actor = target });
                changed = true;
            }
            if (effective is not null && !measure.Steps.Any(x => x.Stage == MeasureStage.InForce && x.Date == effective))
            {
                measure.Steps.Add(new MeasureStep { Stage = MeasureStage.InForce, Date = effective, Source = await SourceOfFileAsync(), Note = "in force, per the FtM sanction record" });
                changed = true;
            }
            if (ended && end is not null && !measure.Steps.Any(x => x.Stage == MeasureStage.Expired && x.Date == end))
            {
                measure.Steps.Add(new MeasureStep { Stage = MeasureStage.Expired, Date = end, Source = await SourceOfFileAsync(), Note = "ended, per the FtM sanction record" });
                changed = true;
            }
            if (changed && measure.Id != 0)
            {
                updated++;
            }
        }

        // Edges only between actors of the graph: an end that is an entity of the file outside it (an untracked
        // list entry, an owner or director no list names) is not pulled in; the edge is counted as outside the graph.
        var relations = await ImportEdgesAsync(entities, TargetAsync, SourceOfFileAsync, ct, byId.ContainsKey);
        var graphChanged = db.ChangeTracker.HasChanges();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (graphChanged)
        {
            db.ChangeReason = $"import FollowTheMoney sanctions {name}";
            await db.SaveChangesAsync(ct);
        }
        var (list, fresh) = await ApplyListAsync(ftm, listedEntities, inFile, sanctionsOf, stored, actors, snapshot, ct);
        // Only entries new to the list, changed or listed again are matched: an unchanged file costs no screening.
        var queued = await QueueMatchesAsync(ftm, [.. listedEntities.Where(e => fresh.Contains(e.Id) && !graphIds.Contains(e.Id) && s_actorSchemas.ContainsKey(e.Schema))], ct);
        if (queued > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        var summary = new FtmImportSummary(entities.Count, actorsCreated, linked, authoritiesCreated, created, updated,
            entities.Count(e => e.Schema != "Sanction" && !s_actorSchemas.ContainsKey(e.Schema) && !s_edgeSchemas.Contains(e.Schema)), unresolved)
        {
            Relations = relations, List = list with { InGraph = graphIds.Count, SanctionsOutsideGraph = outsideGraph, MatchesQueued = queued },
        };
        if (!summary.ChangedNothing)
        {
            DataVersion.Bump();
        }
        return summary;

        // The sanctioned actor: linked by FtM id, else by name, else created from the file's entity.
        async Task<Actor?> TargetAsync(string ftmId)
        {
            if (actors.TryGetValue(ftmId, out var cached))
            {
                return cached;
            }
            Actor? actor = null;
            if (actorIdByFtm.TryGetValue(ftmId, out var id))
            {
                actor = await db.Actors.AsTracking().Include(a => a.Aliases).Include(a => a.Identifiers).FirstAsync(a => a.Id == id, ct);
            }
            else if (graphIds.Contains(ftmId) && byId.TryGetValue(ftmId, out var inPart) && s_actorSchemas.TryGetValue(inPart.Schema, out var kind))
            {
                var e = ftm.Full(inPart);
                var names = e.All("name").Prepend(e.Caption).OfType<string>().Where(n => n.Length is > 0 and <= 500)
                    .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var country = Country(e.First("country") ?? e.First("nationality") ?? e.First("jurisdiction"));
                actor = linkedActor.TryGetValue(ftmId, out var linkedId)
                    ? await db.Actors.AsTracking().Include(a => a.Aliases).Include(a => a.Identifiers).FirstOrDefaultAsync(a => a.Id == linkedId, ct)
                    : await MatchAsync(names, kind, country);
                if (actor is not null)
                {
                    Cite(actor, "actor:" + actor.Slug, await SourceOfFileAsync(), ftmId);
                    linked++;
                }
                else
                {
                    actor = new Actor
                    {
                        Slug = ListImport.UniqueSlug(SlugOf(names, "ftm " + ftmId), actorSlugs),
                        Name = names.FirstOrDefault() ?? ftmId,
                        ActorKind = kind,
                        Country = country,
                        StartDate = Earliest(e.All("birthDate").Concat(e.All("incorporationDate")).ToList()),
                        Marking = Marking.Clear,
                        Status = ReviewStatus.Published,
                    };
                    db.Actors.Add(actor);
                    Cite(actor, "actor:" + actor.Slug, await SourceOfFileAsync(), ftmId);
                    actorsCreated++;
                }
                actor.Identifiers.Add(new ActorIdentifier { Scheme = Scheme, Value = ftmId });
                foreach (var alias in names.Where(n => !n.Equals(actor.Name, StringComparison.OrdinalIgnoreCase)).Take(50))
                {
                    if (!actor.Aliases.Any(a => a.Name.Equals(alias, StringComparison.OrdinalIgnoreCase)))
                    {
                        actor.Aliases.Add(new ActorAlias { Name = alias });
                    }
                }
            }
            if (actor is not null)
            {
                actors[ftmId] = actor;
            }
            return actor;
        }

        // A strong name match only: the same name key, a compatible kind, no conflicting country, and one such actor.
        async Task<Actor?> MatchAsync(List<string> names, ActorKind kind, string? country)
        {
            byKey ??= await NameIndexAsync(ct);
            var matches = names.Select(ImportSdnHandler.Key).Where(k => k.Length > 0).SelectMany(k => byKey.GetValueOrDefault(k) ?? [])
                .DistinctBy(c => c.Id)
                .Where(c => (kind == ActorKind.Person) == (c.Kind == ActorKind.Person) && (country is null || c.Country is null || c.Country == country))
                .ToList();
            return matches.Count == 1
                ? await db.Actors.AsTracking().Include(a => a.Aliases).Include(a => a.Identifiers).FirstAsync(a => a.Id == matches[0].Id, ct)
                : null;
        }

        async Task<Actor> AuthorityAsync(string authorityName, string? country)
        {
            if (authorities.TryGetValue((authorityName, country), out var cached))
            {
                return cached;
            }
            var actor = await db.Actors.AsTracking()
                .Where(a => a.ActorKind != ActorKind.Person && (a.Name == authorityName || a.Aliases.Any(x => x.Name == authorityName)))
                .Where(a => country == null || a.Country == null || a.Country == country)
                .OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
            // "Entity List (EL) - Bureau of Industry and Security" is the Bureau: a public body of the same
            // country whose whole name the authority's contains.
            actor ??= (await db.Actors.AsTracking().Where(a => a.ActorKind == ActorKind.PublicBody && a.Country == country && a.Name.Length >= 10).ToListAsync(ct))
                .Where(a => authorityName.Contains(a.Name, StringComparison.OrdinalIgnoreCase)).OrderByDescending(a => a.Name.Length).FirstOrDefault();
            if (actor is null)
            {
                actor = new Actor
                {
                    Slug = ListImport.UniqueSlug(SlugOf([country is null ? authorityName : $"{authorityName} {country}"], "sanctions authority " + (country ?? "")), actorSlugs),
                    Name = Trim(authorityName, 300),
                    ActorKind = ActorKind.PublicBody,
                    Country = country,
                    Description = "Sanctions authority, as named in a FollowTheMoney sanction record.",
                    Marking = Marking.Clear,
                    Status = ReviewStatus.Published,
                };
                db.Actors.Add(actor);
                Cite(actor, "actor:" + actor.Slug, await SourceOfFileAsync(), null);
                authoritiesCreated++;
            }
            authorities[(authorityName, country)] = actor;
            return actor;
        }
    }

    private void Cite(Record subject, string key, Source source, string? ftmId) =>
        ListImport.Cite(db, subject, key, source, ftmId is null ? null : $"entity {ftmId}", credibility: 2);

    /// <summary>Every actor but states by the name keys of its name and aliases.</summary>
    private async Task<Dictionary<string, List<(long Id, ActorKind Kind, string? Country)>>> NameIndexAsync(CancellationToken ct)
    {
        var rows = await db.Actors.Where(a => a.ActorKind != ActorKind.State)
            .Select(a => new { a.Id, a.ActorKind, a.Country, a.Name, Aliases = a.Aliases.Select(x => x.Name).ToList() }).ToListAsync(ct);
        var index = new Dictionary<string, List<(long, ActorKind, string?)>>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            foreach (var key in r.Aliases.Prepend(r.Name).Select(ImportSdnHandler.Key).Where(k => k.Length > 0).Distinct())
            {
                (index.TryGetValue(key, out var list) ? list : index[key] = []).Add((r.Id, r.ActorKind, r.Country));
            }
        }
        return index;
    }

    private static List<string> Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!.Trim()).Where(x => x.Length is > 0 and <= 200).ToList()
            : [];

    private static string? Day(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: >= 10 } text && PartialDate.IsValid(text[..10]) ? text[..10] : null;

    private static MeasureType TypeOf(Entity s)
    {
        var text = string.Join(' ', s.All("authority").Concat(s.All("program")).Concat(s.All("programId")));
        return text.Contains("Entity List", StringComparison.OrdinalIgnoreCase) ? MeasureType.ExportControlListing
            : s.All("provisions").Any(p => p.Contains("disqualif", StringComparison.OrdinalIgnoreCase)) ? MeasureType.Other
            : MeasureType.Sanction;
    }

    /// <summary>An FtM date ("2023-02-24", "2023-02", "2023", or with a time) as a partial date; null when it is none.</summary>
    private static string? DateOf(string value)
    {
        foreach (var length in new[] { 10, 7, 4 })
        {
            if (value.Length >= length && PartialDate.IsValid(value[..length]) && (value.Length == length || length == 10 && value[10] == 'T'))
            {
                return value[..length];
            }
        }
        return null;
    }

    private static string? Earliest(List<string> values) => values.Select(DateOf).OfType<string>().Order(StringComparer.Ordinal).FirstOrDefault();

    private static string? Latest(List<string> values) => values.Select(DateOf).OfType<string>().Order(StringComparer.Ordinal).LastOrDefault();

    /// <summary>An FtM country ("us") as an ISO code Vigil knows ("US"); "eu" and the like are no country.</summary>
    private static string? Country(string? code) => code is null ? null : Model.Countries.IsKnown(code.ToUpperInvariant()) ? code.ToUpperInvariant() : null;

    /// <summary>The slug of the first name that has latin letters or digits (Slugs folds accents but does not transliterate), else of the fallback.</summary>
    private static string SlugOf(IEnumerable<string> names, string fallback) =>
        names.Select(Common.Slugs.FromText).FirstOrDefault(s => s != "record" && s.Length >= 3) ?? Common.Slugs.FromText(fallback);

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private async Task<Source> SourceAsync(string file, string name, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        var slug = "ftm-" + hash[..12];
        var source = await db.Sources.AsTracking().FirstOrDefaultAsync(s => s.Slug == slug, ct);
        if (source is not null)
        {
            return source;
        }
        source = new Source
        {
            Slug = slug,
            Title = $"FollowTheMoney sanctions export: {name}",
            Publisher = "FollowTheMoney export (OpenSanctions format)",
            SourceKind = SourceKind.Dataset,
            AccessedDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ContentHash = hash,
            Reliability = 'B',
            Marking = Marking.Clear,
            Status = ReviewStatus.Published,
        };
        db.Sources.Add(source);
        return source;
    }

}
