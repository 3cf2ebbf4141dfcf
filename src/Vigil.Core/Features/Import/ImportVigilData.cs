using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Formats.VigilData;
using Vigil.Model;

namespace Vigil.Features.Import;

/// <summary>What an import did, per kind.</summary>
public sealed record ImportSummary(int Created, int Updated, int Unchanged, IReadOnlyDictionary<string, int> CreatedByKind)
{
    public override string ToString() =>
        $"{Created} created ({string.Join(", ", CreatedByKind.Where(k => k.Value > 0).Select(k => $"{k.Value} {k.Key}"))}), {Updated} updated, {Unchanged} unchanged";
}

/// <summary>
/// Imports a folder in Vigil's data layout. All or nothing: every file is parsed and checked first,
/// and any error refuses the whole import. Idempotent: records are matched by slug and only changed
/// values are written, so importing the same folder twice writes no revision.
/// </summary>
public sealed partial class ImportVigilDataHandler(VigilDb db, Incidents.TargetNaming? naming = null)
{
    /// <summary>Imports <paramref name="folder"/>; throws <see cref="ImportRejectedException"/> listing every error.</summary>
    public Task<ImportSummary> HandleAsync(string folder, CancellationToken ct = default) => HandleAsync(folder, dryRun: false, ct);

    /// <summary>
    /// Imports <paramref name="folder"/>, or with <paramref name="dryRun"/> only checks it: every file is
    /// parsed and every rule applied exactly as in an import, against the records already in the
    /// database, and nothing is written. Either way throws <see cref="ImportRejectedException"/> listing every error.
    /// </summary>
    public async Task<ImportSummary> HandleAsync(string folder, bool dryRun, CancellationToken ct = default)
    {
        if (!db.Reader.SeesUnpublished || db.Reader.Clearance != Marking.Red)
        {
            throw new InvalidOperationException("Imports run as the system reader, which sees every record.");
        }
        var errors = new List<ImportError>();
        var set = DataFolder.Read(folder, errors);
        var mapped = await MapAsync(set, errors, ct);
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            throw new ImportRejectedException(errors);
        }
        if (dryRun)
        {
            db.ChangeTracker.Clear();
            return mapped.Summary();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeReason = $"import {Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))}";
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await DatabaseSetup.RefreshStatisticsAsync(db, ct);
        return mapped.Summary();
    }

    private sealed class Tally
    {
        public readonly Dictionary<string, int> Created = new() { ["sources"] = 0, ["actors"] = 0, ["products"] = 0, ["relationships"] = 0, ["incidents"] = 0, ["targets"] = 0, ["measures"] = 0, ["citations"] = 0,
            ["frameworks"] = 0, ["commitments"] = 0, ["endorsements"] = 0 };
        public int Updated;
        public int Unchanged;

        public ImportSummary Summary() => new(Created.Values.Sum(), Updated, Unchanged, Created);
    }

    /// <summary>Validates the set and stages every change on the (tracking) context without saving.</summary>
    private async Task<Tally> MapAsync(DataSet set, List<ImportError> errors, CancellationToken ct)
    {
        var tally = new Tally();
        CheckIds(set.Sources.Select(f => (f.Path, f.Record.Id)), errors);
        CheckIds(set.Actors.Select(f => (f.Path, f.Record.Id)), errors);
        CheckIds(set.Products.Select(f => (f.Path, f.Record.Id)), errors);
        CheckIds(set.Relationships.Select(f => (f.Path, f.Record.Id)), errors);
        CheckIds(set.Incidents.Select(f => (f.Path, f.Record.Id)), errors);
        CheckIds(set.Measures.Select(f => (f.Path, f.Record.Id)), errors);

        var sources = await LoadAsync(db.Sources, Slugs(set.Sources.Select(f => f.Record.Id)), ct);
        var actors = await LoadAsync(db.Actors.Include(a => a.Aliases).Include(a => a.Identifiers), Slugs(set.Actors.Select(f => f.Record.Id)), ct);
        var products = await LoadAsync(db.Products.Include(p => p.Aliases), Slugs(set.Products.Select(f => f.Record.Id)), ct);
        var relationships = await LoadAsync(db.Relationships, Slugs(set.Relationships.Select(f => f.Record.Id)), ct);
        var measures = await LoadAsync(db.Measures.AsSplitQuery().Include(m => m.Targets).ThenInclude(t => t.Actor).Include(m => m.Steps).ThenInclude(x => x.Source)
            .Include(m => m.Parties).ThenInclude(p => p.Actor), Slugs(set.Measures.Select(f => f.Record.Id)), ct);

        // Ends and cited sources may also be records already in the database.
        var citedSources = AllCitations(set).Select(c => c.Source).OfType<string>().Where(s => !sources.ContainsKey(s));
        foreach (var (slug, source) in await LoadAsync(db.Sources, citedSources.Distinct().ToList(), ct))
        {
            sources[slug] = source;
        }
        var inFolderSources = set.Sources.Select(f => f.Record.Id).ToHashSet();
        foreach (var (slug, source) in await LoadAsync(db.Sources, set.Measures.SelectMany(f => f.Record.Steps ?? []).Select(s => s.Source)
            .OfType<string>().Where(s => !sources.ContainsKey(s)).Distinct().ToList(), ct))
        {
            sources[slug] = source;
        }
        var ends = set.Relationships.SelectMany(f => new[] { f.Record.From, f.Record.To })
            .Concat(set.Measures.SelectMany(f => (f.Record.Targets ?? []).Prepend(f.Record.Authority).Concat((f.Record.Parties ?? []).Select(p => p.Actor))))
            .OfType<string>().Distinct().ToList();
        foreach (var (slug, actor) in await LoadAsync(db.Actors, ends.Where(e => !actors.ContainsKey(e)).ToList(), ct))
        {
            actors[slug] = actor;
        }
        foreach (var (slug, product) in await LoadAsync(db.Products, ends.Where(e => !products.ContainsKey(e)).ToList(), ct))
        {
            products[slug] = product;
        }
        var incidentActors = set.Incidents.SelectMany(f => (f.Record.Vendors ?? []).Concat(f.Record.Investigators ?? [])
            .Concat((f.Record.Operators ?? []).Select(o => o.Actor))).OfType<string>().Distinct();
        foreach (var (slug, actor) in await LoadAsync(db.Actors, incidentActors.Where(e => !actors.ContainsKey(e)).ToList(), ct))
        {
            actors[slug] = actor;
        }
        var incidentProducts = set.Incidents.SelectMany(f => f.Record.Products ?? []).OfType<string>().Distinct();
        foreach (var (slug, product) in await LoadAsync(db.Products, incidentProducts.Where(e => !products.ContainsKey(e)).ToList(), ct))
        {
            products[slug] = product;
        }

        foreach (var (path, f) in set.Sources)
        {
            var v = new FieldCheck(path, f.Id, errors);
            var title = v.Required("title", f.Title);
            var kind = v.Parse("kind", f.Kind, SourceKind.Article, SourceKinds.TryParse);
            var evidence = v.Parse("evidence", f.Evidence ?? "secondary", EvidenceKind.Secondary, SourceKinds.TryParseEvidence);
            var reliability = (f.Reliability ?? "F").Trim().ToUpperInvariant();
            if (reliability.Length != 1 || !Source.ReliabilityGrades.Contains(reliability[0]))
            {
                v.Error("reliability", $"'{f.Reliability}' is not an Admiralty grade A–F");
                reliability = "F";
            }
            v.Date("published", f.Published);
            v.Date("accessed", f.Accessed);
            var (marking, status) = v.MarkingAndStatus(f.Marking, f.Status);
            if (!v.Ok || f.Id is null)
            {
                continue;
            }
            var s = Upsert(sources, f.Id, db.Sources, tally, "sources");
            s.Title = title!;
            s.TitleVerified = f.TitleVerified ?? false;
            s.Evidence = evidence;
            s.Publisher = f.Publisher;
            s.Url = f.Url;
            s.SourceKind = kind;
            s.PublishedDate = f.Published;
            s.AccessedDate = f.Accessed;
            s.ContentHash = f.ContentHash;
            s.Reliability = reliability[0];
            s.Marking = marking;
            s.Status = status;
        }

        var citations = new List<(Record Subject, string SubjectKey, DataFile<List<CitationEntry>?> Entries, ReviewStatus Status)>();
        foreach (var (path, f) in set.Actors)
        {
            var v = new FieldCheck(path, f.Id, errors);
            var name = v.Required("name", f.Name);
            var kind = v.Parse("kind", f.Kind, ActorKind.Company, TryParseActorKind);
            if (f.Country is not null && !Model.Countries.IsKnown(f.Country))
            {
                v.Error("country", $"unknown country code '{f.Country}' (ISO 3166-1 alpha-2, upper case)");
            }
            v.Date("start", f.Start);
            v.Date("end", f.End);
            v.Text("description", f.Description);
            v.Count("aliases", f.Aliases?.Count ?? 0, InputGuard.MaxAliases, "aliases");
            v.Count("identifiers", f.Identifiers?.Count ?? 0, InputGuard.MaxIdentifiers, "identifiers");
            var (marking, status) = v.MarkingAndStatus(f.Marking, f.Status);
            foreach (var (alias, i) in (f.Aliases ?? []).Select((a, i) => (a, i)))
            {
                v.Required($"aliases[{i}].name", alias.Name);
            }
            foreach (var (id, i) in (f.Identifiers ?? []).Select((a, i) => (a, i)))
            {
                v.Required($"identifiers[{i}].scheme", id.Scheme);
                v.Required($"identifiers[{i}].value", id.Value);
            }
            v.Citations(f.Citations, status, sources, inFolderSources);
            if (!v.Ok || f.Id is null)
            {
                continue;
            }
            var a = Upsert(actors, f.Id, db.Actors, tally, "actors");
            a.Name = name!;
            a.ActorKind = kind;
            a.Country = f.Country;
            a.Description = f.Description;
            a.StartDate = f.Start;
            a.EndDate = f.End;
            a.IsDependentTerritory = f.DependentTerritory ?? false;
            a.Marking = marking;
            a.Status = status;
            SyncList(a.Aliases, f.Aliases ?? [], x => (x.Name, x.Language, x.Script), e => (e.Name!, e.Lang, e.Script),
                e => new ActorAlias { Name = e.Name!, Language = e.Lang, Script = e.Script }, db);
            SyncList(a.Identifiers, f.Identifiers ?? [], x => (x.Scheme, x.Value), e => (e.Scheme!, e.Value!),
                e => new ActorIdentifier { Scheme = e.Scheme!, Value = e.Value! }, db);
            citations.Add((a, "actor:" + f.Id, new(path, f.Citations), status));
        }

        foreach (var (path, f) in set.Products)
        {
            var v = new FieldCheck(path, f.Id, errors);
            var name = v.Required("name", f.Name);
            var kind = v.Parse("kind", f.Kind, ProductKind.Spyware, (string? t, out ProductKind k) => Enum.TryParse(t, true, out k) && Enum.IsDefined(k));
            var (marking, status) = v.MarkingAndStatus(f.Marking, f.Status);
            v.Citations(f.Citations, status, sources, inFolderSources);
            if (!v.Ok || f.Id is null)
            {
                continue;
            }
            var p = Upsert(products, f.Id, db.Products, tally, "products");
            p.Name = name!;
            p.ProductKind = kind;
            p.Description = f.Description;
            p.Capabilities = f.Capabilities is { Count: > 0 } caps ? string.Join("\n", caps) : null;
            p.Marking = marking;
            p.Status = status;
            SyncList(p.Aliases, f.Aliases ?? [], x => x.Name, e => e.Name!, e => new ProductAlias { Name = e.Name! }, db);
            citations.Add((p, "product:" + f.Id, new(path, f.Citations), status));
        }

        foreach (var (path, f) in set.Relationships)
        {
            var v = new FieldCheck(path, f.Id, errors);
            var type = v.Parse("type", f.Type, RelationshipType.PartOf, RelationshipTypes.TryParse);
            var confidence = v.Parse("confidence", f.Confidence ?? "moderate", Confidence.Moderate, Confidences.TryParse);
            var from = v.Required("from", f.From) is { } fs && actors.TryGetValue(fs, out var fa) ? fa : null;
            if (f.From is not null && from is null)
            {
                v.Error("from", $"no actor '{f.From}' in the folder or the database");
            }
            Actor? toActor = null;
            Product? toProduct = null;
            if (v.Required("to", f.To) is { } ts && v.Ok)
            {
                if (type.TargetsProduct())
                {
                    toProduct = products.GetValueOrDefault(ts);
                    if (toProduct is null)
                    {
                        v.Error("to", $"no product '{ts}' in the folder or the database ({type.ToLabel()} points at a product)");
                    }
                }
                else
                {
                    toActor = actors.GetValueOrDefault(ts);
                    if (toActor is null)
                    {
                        v.Error("to", $"no actor '{ts}' in the folder or the database");
                    }
                }
            }
            if (f.Share is < 0 or > 100)
            {
                v.Error("share", "must be a percentage from 0 to 100");
            }
            v.Date("start", f.Start);
            v.Date("end", f.End);
            var (marking, status) = v.MarkingAndStatus(f.Marking, f.Status);
            v.Citations(f.Citations, status, sources, inFolderSources);
            if (!v.Ok || f.Id is null)
            {
                continue;
            }
            var r = Upsert(relationships, f.Id, db.Relationships, tally, "relationships");
            r.Type = type;
            r.FromActor = from;
            r.FromActorId = from!.Id;
            r.ToActor = toActor;
            r.ToActorId = toActor?.Id;
            r.ToProduct = toProduct;
            r.ToProductId = toProduct?.Id;
            r.Role = f.Role;
            r.SharePercent = f.Share;
            r.StartDate = f.Start;
            r.EndDate = f.End;
            r.Confidence = confidence;
            r.Description = f.Description;
            r.Marking = marking;
            r.Status = status;
            citations.Add((r, "relationship:" + f.Id, new(path, f.Citations), status));
        }

        await MapIncidentsAsync(set, actors, products, sources, inFolderSources, citations, tally, errors, ct);
        foreach (var (path, f) in set.Measures)
        {
            var v = new FieldCheck(path, f.Id, errors);
            var type = v.Parse("type", f.Type, MeasureType.Other, MeasureTerms.TryParse);
            var title = v.Required("title", f.Title);
            var authority = v.Required("authority", f.Authority) is { } au ? actors.GetValueOrDefault(au) : null;
            if (f.Authority is not null && authority is null)
            {
                v.Error("authority", $"no actor '{f.Authority}' in the folder or the database");
            }
            var targets = new List<Actor>();
            foreach (var (t, i) in (f.Targets ?? []).Select((t, i) => (t, i)))
            {
                if (actors.GetValueOrDefault(t) is { } ta)
                {
                    targets.Add(ta);
                }
                else
                {
                    v.Error($"targets[{i}]", $"no actor '{t}' in the folder or the database");
                }
            }
            v.Date("announced", f.Announced);
            v.Date("effective", f.Effective);
            v.Date("lifted", f.Lifted);
            var steps = new List<(MeasureStage Stage, string? Date, Source? Source, string? Note)>();
            foreach (var (s, i) in (f.Steps ?? []).Select((s, i) => (s, i)))
            {
                var stage = v.Parse($"steps[{i}].stage", s.Stage, MeasureStage.Announced, MeasureTerms.TryParse);
                v.Date($"steps[{i}].date", s.Date);
                Source? source = null;
                if (s.Source is not null && !sources.TryGetValue(s.Source, out source))
                {
                    v.Error($"steps[{i}].source", $"no source '{s.Source}' in the folder or the database");
                }
                steps.Add((stage, s.Date, source, s.Note));
            }
            var parties = new List<(Actor Actor, PartyRole Role, string? Note)>();
            foreach (var (p, i) in (f.Parties ?? []).Select((p, i) => (p, i)))
            {
                var role = v.Parse($"parties[{i}].role", p.Role, PartyRole.Plaintiff, PartyRoles.TryParse);
                if (v.Required($"parties[{i}].actor", p.Actor) is { } pa)
                {
                    if (actors.GetValueOrDefault(pa) is { } party)
                    {
                        parties.Add((party, role, p.Note));
                    }
                    else
                    {
                        v.Error($"parties[{i}].actor", $"no actor '{pa}' in the folder or the database");
                    }
                }
            }
            var current = steps.Count > 0 ? steps[^1].Stage : f.Lifted is null ? MeasureStage.InForce : MeasureStage.Lifted;
            if (f.Stage is not null)
            {
                current = v.Parse("stage", f.Stage, current, MeasureTerms.TryParse);
            }
            var (marking, status) = v.MarkingAndStatus(f.Marking, f.Status);
            v.Citations(f.Citations, status, sources, inFolderSources);
            if (!v.Ok || f.Id is null)
            {
                continue;
            }
            var m = Upsert(measures, f.Id, db.Measures, tally, "measures");
            m.Type = type;
            m.Title = title!;
            m.Authority = authority;
            m.AuthorityId = authority!.Id;
            m.Programme = f.Programme;
            m.Reference = f.Reference;
            m.AnnouncedDate = f.Announced;
            m.EffectiveDate = f.Effective;
            m.LiftedDate = f.Lifted;
            m.Stage = current;
            m.Description = f.Description;
            m.Marking = marking;
            m.Status = status;
            SyncList(m.Targets, targets, x => x.Actor?.Slug, a => a.Slug,
                a => new MeasureTarget { Actor = a, ActorId = a.Id }, db);
            SyncList(m.Steps, steps, x => (x.Stage, x.Date, x.Source?.Slug, x.Note),
                e => (e.Stage, e.Date, e.Source?.Slug, e.Note),
                e => new MeasureStep { Stage = e.Stage, Date = e.Date, Source = e.Source, SourceId = e.Source?.Id is > 0 ? e.Source.Id : null, Note = e.Note }, db);
            SyncList(m.Parties, parties, x => (x.Actor?.Slug, x.Role, x.Note), e => (e.Actor.Slug, e.Role, e.Note),
                e => new MeasureParty { Actor = e.Actor, ActorId = e.Actor.Id, Role = e.Role, Note = e.Note }, db);
            citations.Add((m, "measure:" + f.Id, new(path, f.Citations), status));
        }
        await MapCommitmentsAsync(set, errors, tally, sources, inFolderSources, actors, citations, ct);

        if (errors.Count == 0)
        {
            await StageCitationsAsync(citations, sources, tally, errors, ct);
            foreach (var entry in db.ChangeTracker.Entries<Record>())
            {
                if (entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)))
                {
                    tally.Updated++;
                }
                else if (entry.State == EntityState.Unchanged)
                {
                    tally.Unchanged++;
                }
            }
        }
        return tally;
    }

    /// <summary>
    /// Incidents and their targets. Target entries carry no identity (the file format has no field for
    /// one): an identity loaded separately (<c>vigil import target-identities</c>) is kept across imports.
    /// </summary>
    private async Task MapIncidentsAsync(DataSet set, Dictionary<string, Actor> actors, Dictionary<string, Product> products,
        Dictionary<string, Source> sources, HashSet<string?> inFolderSources,
        List<(Record Subject, string SubjectKey, DataFile<List<CitationEntry>?> Entries, ReviewStatus Status)> citations,
        Tally tally, List<ImportError> errors, CancellationToken ct)
    {
        if (set.Incidents.Count == 0)
        {
            return;
        }
        var incidents = await LoadAsync(db.Incidents
            .Include(i => i.Products).ThenInclude(x => x.Product)
            .Include(i => i.Vendors).ThenInclude(x => x.Actor)
            .Include(i => i.Operators).ThenInclude(x => x.Actor)
            .Include(i => i.Investigators).ThenInclude(x => x.Actor)
            .Include(i => i.Targets), Slugs(set.Incidents.Select(f => f.Record.Id)), ct);
        var pseudonyms = set.Incidents.SelectMany(f => f.Record.Targets ?? []).Select(t => t.Pseudonym?.Trim().ToLowerInvariant()).OfType<string>().ToList();
        var knownTargets = await LoadAsync(db.Targets, pseudonyms, ct);
        var seenPseudonyms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, f) in set.Incidents)
        {
            var v = new FieldCheck(path, f.Id, errors);
            var title = v.Required("title", f.Title);
            v.Date("firstSeen", f.FirstSeen);
            v.Date("lastSeen", f.LastSeen);
            v.Date("disclosed", f.Disclosed);
            if (f.Country is not null && !Model.Countries.IsKnown(f.Country))
            {
                v.Error("country", $"unknown country code '{f.Country}' (ISO 3166-1 alpha-2, upper case)");
            }
            var forensic = v.Parse("forensicStatus", f.ForensicStatus ?? "suspected", ForensicStatus.Suspected, IncidentLabels.TryParse);
            var vector = v.Parse("vector", f.Vector ?? "unknown", AttackVector.Unknown, IncidentLabels.TryParse);
            var (marking, status) = v.MarkingAndStatus(f.Marking, f.Status);
            v.Citations(f.Citations, status, sources, inFolderSources);
            var linkedProducts = Resolve(v, "products", "product", f.Products, products);
            var vendors = Resolve(v, "vendors", "actor", f.Vendors, actors);
            var investigators = Resolve(v, "investigators", "actor", f.Investigators, actors);
            var operators = new List<(Actor Actor, Confidence Confidence, string? Reasoning)>();
            foreach (var (o, i) in (f.Operators ?? []).Select((o, i) => (o, i)))
            {
                var confidence = v.Parse($"operators[{i}].confidence", o.Confidence ?? "low", Confidence.Low, Confidences.TryParse);
                if (v.Required($"operators[{i}].actor", o.Actor) is { } slug)
                {
                    if (actors.TryGetValue(slug, out var actor))
                    {
                        operators.Add((actor, confidence, o.Reasoning));
                    }
                    else
                    {
                        v.Error($"operators[{i}].actor", $"no actor '{slug}' in the folder or the database");
                    }
                }
            }
            var targets = new List<(string Pseudonym, TargetEntry Entry, TargetCategory Category, ConsentStatus Consent, Marking Marking)>();
            foreach (var (t, i) in (f.Targets ?? []).Select((t, i) => (t, i)))
            {
                var pseudonym = v.Required($"targets[{i}].pseudonym", t.Pseudonym)?.Trim();
                if (pseudonym is not null && !System.Text.RegularExpressions.Regex.IsMatch(pseudonym, "^Target-[0-9A-Z]{4,8}$"))
                {
                    v.Error($"targets[{i}].pseudonym", $"'{pseudonym}' is not a pseudonym (Target- and 4 to 8 capitals or digits)");
                }
                else if (pseudonym is not null)
                {
                    if (seenPseudonyms.TryGetValue(pseudonym, out var other))
                    {
                        v.Error($"targets[{i}].pseudonym", $"'{pseudonym}' is also used in {other}");
                    }
                    seenPseudonyms[pseudonym] = path;
                    if (knownTargets.TryGetValue(pseudonym.ToLowerInvariant(), out var known)
                        && (!incidents.TryGetValue(f.Id ?? "", out var mine) || known.IncidentId != mine.Id))
                    {
                        v.Error($"targets[{i}].pseudonym", $"'{pseudonym}' belongs to a target of another incident");
                    }
                }
                var category = v.Parse($"targets[{i}].category", t.Category ?? "other", TargetCategory.Other, IncidentLabels.TryParse);
                var consent = v.Parse($"targets[{i}].consent", t.Consent ?? "do-not-name", ConsentStatus.DoNotName, IncidentLabels.TryParse);
                var targetMarking = marking;
                if (t.Marking is not null && !Markings.TryParse(t.Marking, out targetMarking))
                {
                    v.Error($"targets[{i}].marking", $"'{t.Marking}' is not a TLP 2.0 marking");
                }
                foreach (var (field, code) in new[] { ("residence", t.Residence), ("nationality", t.Nationality) })
                {
                    if (code is not null && !Model.Countries.IsKnown(code))
                    {
                        v.Error($"targets[{i}].{field}", $"unknown country code '{code}'");
                    }
                }
                if (pseudonym is not null)
                {
                    targets.Add((pseudonym, t, category, consent, targetMarking));
                }
            }
            if (!v.Ok || f.Id is null)
            {
                continue;
            }
            var incident = Upsert(incidents, f.Id, db.Incidents, tally, "incidents");
            incident.Title = title!;
            incident.Summary = f.Summary;
            incident.FirstSeen = f.FirstSeen;
            incident.LastSeen = f.LastSeen;
            incident.DisclosedOn = f.Disclosed;
            incident.Country = f.Country;
            incident.ForensicStatus = forensic;
            incident.Vector = vector;
            incident.Marking = marking;
            incident.Status = status;
            SyncList(incident.Products, linkedProducts, x => x.Product?.Slug, p => (string?)p.Slug, p => new IncidentProduct { Product = p }, db);
            SyncList(incident.Vendors, vendors, x => x.Actor?.Slug, a => (string?)a.Slug, a => new IncidentVendor { Actor = a }, db);
            SyncList(incident.Investigators, investigators, x => x.Actor?.Slug, a => (string?)a.Slug, a => new IncidentInvestigator { Actor = a }, db);
            SyncList(incident.Operators, operators, x => x.Actor?.Slug, o => (string?)o.Actor.Slug, o => new IncidentOperator { Actor = o.Actor }, db);
            foreach (var (actor, confidence, reasoning) in operators)
            {
                var row = incident.Operators.First(x => x.Actor == actor);
                row.Confidence = confidence;
                row.Reasoning = reasoning;
            }
            foreach (var stale in incident.Targets.Where(x => targets.All(t => t.Pseudonym != x.Pseudonym)).ToList())
            {
                incident.Targets.Remove(stale);
                db.Remove(stale);
            }
            foreach (var (pseudonym, entry, category, consent, targetMarking) in targets)
            {
                var target = incident.Targets.FirstOrDefault(x => x.Pseudonym == pseudonym);
                if (target is null)
                {
                    target = new Target { Pseudonym = pseudonym, Slug = pseudonym.ToLowerInvariant() };
                    incident.Targets.Add(target);
                    tally.Created["targets"]++;
                }
                target.Category = category;
                target.ResidenceCountry = entry.Residence;
                target.Nationality = entry.Nationality;
                target.Consent = consent;
                target.Marking = targetMarking;
                target.Status = status;
            }
            citations.Add((incident, "incident:" + f.Id, new(path, f.Citations), status));
        }
    }

    private static List<T> Resolve<T>(FieldCheck v, string field, string kind, List<string>? slugs, Dictionary<string, T> known) where T : Record
    {
        var found = new List<T>();
        foreach (var (slug, i) in (slugs ?? []).Select((s, i) => (s, i)))
        {
            if (known.TryGetValue(slug, out var record))
            {
                if (!found.Contains(record))
                {
                    found.Add(record);
                }
            }
            else
            {
                v.Error($"{field}[{i}]", $"no {kind} '{slug}' in the folder or the database");
            }
        }
        return found;
    }

    private async Task StageCitationsAsync(
        List<(Record Subject, string SubjectKey, DataFile<List<CitationEntry>?> Entries, ReviewStatus Status)> subjects,
        Dictionary<string, Source> sources, Tally tally, List<ImportError> errors, CancellationToken ct)
    {
        var existing = new List<Citation>();
        foreach (var kind in subjects.Where(s => s.Subject.Id != 0).GroupBy(s => s.Subject.Kind))
        {
            foreach (var chunk in kind.Select(s => s.Subject.Id).Chunk(500))
            {
                existing.AddRange(await db.Citations.AsTracking().Where(Citation.OfSubjects(kind.Key, chunk)).ToListAsync(ct));
            }
        }
        var bySlug = existing.ToDictionary(c => c.Slug);
        var keep = new HashSet<string>();
        foreach (var (subject, key, file, status) in subjects)
        {
            foreach (var entry in file.Record ?? [])
            {
                var slug = CitationSlug(key, entry.Source!, entry.Locator);
                keep.Add(slug);
                if (!bySlug.TryGetValue(slug, out var citation))
                {
                    citation = new Citation { Slug = slug }.Cites(subject);
                    db.Citations.Add(citation);
                    bySlug[slug] = citation;
                    tally.Created["citations"]++;
                }
                var source = sources[entry.Source!];
                citation.Source = source;
                if (source.Id != 0)
                {
                    citation.SourceId = source.Id;
                }
                citation.Locator = entry.Locator;
                citation.Quote = entry.Quote;
                citation.Credibility = entry.Credibility ?? 6;
                // Never less restricted than the record it supports; stricter when the file says so.
                citation.Marking = entry.Marking is { } m && Markings.TryParse(m, out var stricter) && stricter > subject.Marking
                    ? stricter : subject.Marking;
                citation.Status = status;
            }
        }
        // Sources that name a target: checkable only where identities are stored (an incident already
        // in the database). Named by file and field, never by the name.
        if (naming is not null)
        {
            foreach (var (subject, key, file, _) in subjects.Where(s => s.Subject is Incident { Id: > 0 }))
            {
                foreach (var (entry, i) in (file.Record ?? []).Select((e, i) => (e, i)))
                {
                    var citation = bySlug[CitationSlug(key, entry.Source!, entry.Locator)];
                    if (Incidents.TargetNaming.Applies(citation.Marking) && await naming.NamesATargetAsync(subject.Id, citation.Source, citation.Quote, ct))
                    {
                        errors.Add(new ImportError(file.Path, key, $"citations[{i}].marking", Incidents.TargetNaming.Refusal));
                    }
                }
            }
        }
        // The file is the whole truth about its record's citations: drop those it no longer lists.
        foreach (var stale in existing.Where(c => !keep.Contains(c.Slug)))
        {
            db.Citations.Remove(stale);
        }
    }

    /// <summary>A citation's stable slug: the same subject, source and locator give the same slug.</summary>
    public static string CitationSlug(string subjectKey, string source, string? locator)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{subjectKey}|{source}|{locator}"));
        return "cit-" + Convert.ToHexStringLower(hash)[..16];
    }

    private static T Upsert<T>(Dictionary<string, T> known, string slug, DbSet<T> set, Tally tally, string kind) where T : Record, new()
    {
        if (known.TryGetValue(slug, out var existing))
        {
            return existing;
        }
        var created = new T { Slug = slug };
        set.Add(created);
        known[slug] = created;
        tally.Created[kind]++;
        return created;
    }

    /// <summary>Makes <paramref name="rows"/> hold exactly the entries, leaving rows that already match untouched.</summary>
    private static void SyncList<TRow, TEntry, TKey>(List<TRow> rows, List<TEntry> entries, Func<TRow, TKey> rowKey, Func<TEntry, TKey> entryKey, Func<TEntry, TRow> create, DbContext context)
        where TRow : class
    {
        var wanted = entries.Select(entryKey).ToHashSet();
        foreach (var stale in rows.Where(r => !wanted.Contains(rowKey(r))).ToList())
        {
            rows.Remove(stale);
            context.Remove(stale);
        }
        var present = rows.Select(rowKey).ToHashSet();
        foreach (var entry in entries)
        {
            if (present.Add(entryKey(entry)))
            {
                rows.Add(create(entry));
            }
        }
    }

    private async Task<Dictionary<string, T>> LoadAsync<T>(IQueryable<T> query, IReadOnlyList<string> slugs, CancellationToken ct) where T : Record
    {
        var found = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var chunk in slugs.Distinct().Chunk(500))
        {
            foreach (var record in await query.AsTracking().AsSplitQuery().Where(r => chunk.Contains(r.Slug)).ToListAsync(ct))
            {
                found[record.Slug] = record;
            }
        }
        return found;
    }

    private static List<string> Slugs(IEnumerable<string?> ids) => ids.OfType<string>().ToList();

    private static IEnumerable<CitationEntry> AllCitations(DataSet set) =>
        set.Actors.SelectMany(f => f.Record.Citations ?? [])
            .Concat(set.Products.SelectMany(f => f.Record.Citations ?? []))
            .Concat(set.Relationships.SelectMany(f => f.Record.Citations ?? []))
            .Concat(set.Incidents.SelectMany(f => f.Record.Citations ?? []))
            .Concat(set.Measures.SelectMany(f => f.Record.Citations ?? []))
            .Concat(set.Endorsements.SelectMany(f => f.Record.Citations ?? []))
            .Concat(set.Frameworks.SelectMany(f => (f.Record.Commitments ?? []).Select(c => new CitationEntry { Source = c.Source })
                .Append(new CitationEntry { Source = f.Record.Source })
                .Concat(f.Record.Citations ?? [])
                .Concat((f.Record.Commitments ?? []).SelectMany(c => c.Citations ?? []))));

    private static void CheckIds(IEnumerable<(string Path, string? Id)> files, List<ImportError> errors)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, id) in files)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add(new ImportError(path, null, "id", "is required"));
                continue;
            }
            if (!Common.Slugs.IsValid(id))
            {
                errors.Add(new ImportError(path, id, "id", "must be lower-case letters, digits and hyphens"));
            }
            if (Path.GetFileNameWithoutExtension(path) != id)
            {
                errors.Add(new ImportError(path, id, "id", $"must equal the file name ('{Path.GetFileNameWithoutExtension(path)}')"));
            }
            if (seen.TryGetValue(id, out var first))
            {
                errors.Add(new ImportError(path, id, "id", $"duplicate id: also used by {first}"));
            }
            else
            {
                seen[id] = path;
            }
        }
    }

    private static bool TryParseActorKind(string? text, out ActorKind kind)
    {
        var t = (text ?? "").Trim().Replace("-", "", StringComparison.Ordinal);
        return Enum.TryParse(t, true, out kind) && Enum.IsDefined(kind);
    }

    private delegate bool TryParser<T>(string? text, out T value);

    /// <summary>Field checks for one record, collecting errors that name the file, record and field.</summary>
    private sealed class FieldCheck(string path, string? record, List<ImportError> errors)
    {
        public bool Ok { get; private set; } = true;

        public void Error(string field, string message)
        {
            Ok = false;
            errors.Add(new ImportError(path, record, field, message));
        }

        public string? Required(string field, string? value)
        {
            if (InputGuard.NameProblem(value) is { } problem)
            {
                Error(field, problem);
                return null;
            }
            return value;
        }

        /// <summary>An optional text: its characters and length (<see cref="InputGuard"/>).</summary>
        public void Text(string field, string? value, int max = InputGuard.MaxLongText)
        {
            if (InputGuard.TextProblem(value, max) is { } problem)
            {
                Error(field, problem);
            }
        }

        public void Count(string field, int count, int max, string what)
        {
            if (InputGuard.CountProblem(count, max, what) is { } problem)
            {
                Error(field, problem);
            }
        }

        public T Parse<T>(string field, string? text, T fallback, TryParser<T> parse)
        {
            if (text is null)
            {
                Error(field, "is required");
                return fallback;
            }
            if (!parse(text, out var value))
            {
                Error(field, $"'{text}' is not a known value");
                return fallback;
            }
            return value;
        }

        public void Date(string field, string? value)
        {
            if (value is not null && !PartialDate.IsValid(value))
            {
                Error(field, $"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
            }
        }

        public (Marking, ReviewStatus) MarkingAndStatus(string? markingText, string? statusText)
        {
            var marking = Marking.Clear;
            if (markingText is not null && !Markings.TryParse(markingText, out marking))
            {
                Error("marking", $"'{markingText}' is not a TLP 2.0 marking (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)");
            }
            var status = ReviewStatus.Draft;
            if (statusText is not null && !ReviewStatuses.TryParse(statusText, out status))
            {
                Error("status", $"'{statusText}' is not a status (draft, in-review, published, retracted)");
            }
            return (marking, status);
        }

        public void Citations(List<CitationEntry>? citations, ReviewStatus status, Dictionary<string, Source> sources, HashSet<string?> inFolder)
        {
            if (status == ReviewStatus.Published && citations is not { Count: > 0 })
            {
                Error("citations", "a published record needs at least one citation");
            }
            foreach (var (c, i) in (citations ?? []).Select((c, i) => (c, i)))
            {
                if (Required($"citations[{i}].source", c.Source) is { } s && !sources.ContainsKey(s) && !inFolder.Contains(s))
                {
                    Error($"citations[{i}].source", $"no source '{s}' in the folder or the database");
                }
                if (c.Credibility is < 1 or > 6)
                {
                    Error($"citations[{i}].credibility", string.Create(CultureInfo.InvariantCulture, $"{c.Credibility} is not an Admiralty credibility 1–6"));
                }
                if (c.Marking is not null && !Markings.TryParse(c.Marking, out _))
                {
                    Error($"citations[{i}].marking", $"'{c.Marking}' is not a TLP 2.0 marking");
                }
            }
        }
    }
}
