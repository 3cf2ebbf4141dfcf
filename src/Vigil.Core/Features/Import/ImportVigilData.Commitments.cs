using Microsoft.EntityFrameworkCore;
using Vigil.Formats.VigilData;
using Vigil.Model;

namespace Vigil.Features.Import;

// Frameworks (with their commitments) and endorsements: data/frameworks and data/endorsements.
public sealed partial class ImportVigilDataHandler
{
    /// <summary>The slug of a framework's commitment: the framework's slug and the commitment's code.</summary>
    public static string CommitmentSlug(string framework, string code) => $"{framework}--{code.Trim().ToLowerInvariant()}";

    private async Task MapCommitmentsAsync(
        DataSet set, List<ImportError> errors, Tally tally, Dictionary<string, Source> sources, HashSet<string?> inFolderSources,
        Dictionary<string, Actor> actors, List<(Record Subject, string SubjectKey, DataFile<List<CitationEntry>?> Entries, ReviewStatus Status)> citations,
        CancellationToken ct)
    {
        if (set.Frameworks.Count == 0 && set.Endorsements.Count == 0)
        {
            return;
        }
        CheckIds(set.Frameworks.Select(f => (f.Path, f.Record.Id)), errors);
        CheckIds(set.Endorsements.Select(f => (f.Path, f.Record.Id)), errors);
        var frameworks = await LoadAsync(db.Frameworks.Include(f => f.Commitments), Slugs(set.Frameworks.Select(f => f.Record.Id)), ct);
        var named = set.Endorsements.Select(f => f.Record.Framework).OfType<string>().Where(s => !frameworks.ContainsKey(s)).ToList();
        foreach (var (slug, framework) in await LoadAsync(db.Frameworks.Include(f => f.Commitments), named, ct))
        {
            frameworks[slug] = framework;
        }
        var endorsements = await LoadAsync(db.Endorsements, Slugs(set.Endorsements.Select(f => f.Record.Id)), ct);
        var wantedActors = set.Endorsements.Select(f => f.Record.Actor).Concat(set.Frameworks.Select(f => f.Record.Owner))
            .OfType<string>().Where(s => !actors.ContainsKey(s)).Distinct().ToList();
        foreach (var (slug, actor) in await LoadAsync(db.Actors, wantedActors, ct))
        {
            actors[slug] = actor;
        }

        Source? SourceOf(FieldCheck v, string field, string? slug)
        {
            if (slug is null)
            {
                return null;
            }
            if (!sources.TryGetValue(slug, out var s))
            {
                v.Error(field, inFolderSources.Contains(slug) ? $"source '{slug}' is not valid" : $"no source '{slug}' in the folder or the database");
            }
            return s;
        }

        foreach (var (path, f) in set.Frameworks)
        {
            var v = new FieldCheck(path, f.Id, errors);
            var name = v.Required("name", f.Name);
            var kind = v.Parse("kind", f.Kind, FrameworkKind.StateCode, FrameworkKinds.TryParse);
            var series = v.Required("series", f.Series);
            if (f.Edition is < 1)
            {
                v.Error("edition", "must be 1 or more");
            }
            v.Date("date", f.Date);
            Actor? owner = null;
            if (f.Owner is not null && !actors.TryGetValue(f.Owner, out owner))
            {
                v.Error("owner", $"no actor '{f.Owner}' in the folder or the database");
            }
            if (kind == FrameworkKind.CompanyPolicy && f.Owner is null)
            {
                v.Error("owner", "a company policy names the company whose policy it is");
            }
            var source = SourceOf(v, "source", f.Source);
            var (marking, status) = v.MarkingAndStatus(f.Marking, f.Status);
            // A framework and its commitments rest on their source; citations beside it are optional.
            if (f.Citations is { Count: > 0 })
            {
                v.Citations(f.Citations, status, sources, inFolderSources);
            }
            var entries = f.Commitments ?? [];
            var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var staged = new List<(CommitmentEntry Entry, string Code, string Text, ReviewStatus Status, Source? Source)>();
            foreach (var (c, i) in entries.Select((c, i) => (c, i)))
            {
                var code = v.Required($"commitments[{i}].code", c.Code);
                var text = v.Required($"commitments[{i}].text", c.Text);
                v.Required($"commitments[{i}].pillar", c.Pillar);
                if (code is not null && (!codes.Add(code) || !Common.Slugs.IsValid(code.ToLowerInvariant())))
                {
                    v.Error($"commitments[{i}].code", $"'{code}' is repeated or not letters, digits and hyphens");
                }
                var cs = status;
                if (c.Status is not null && !ReviewStatuses.TryParse(c.Status, out cs))
                {
                    v.Error($"commitments[{i}].status", $"'{c.Status}' is not a status (draft, in-review, published, retracted)");
                }
                if (c.Citations is { Count: > 0 })
                {
                    v.Citations(c.Citations, cs, sources, inFolderSources);
                }
                staged.Add((c, code ?? "", text ?? "", cs, SourceOf(v, $"commitments[{i}].source", c.Source)));
            }
            if (!v.Ok || f.Id is null)
            {
                continue;
            }
            var fw = Upsert(frameworks, f.Id, db.Frameworks, tally, "frameworks");
            fw.Name = name!;
            fw.FrameworkKind = kind;
            fw.Series = series!;
            fw.Edition = f.Edition ?? 1;
            fw.Date = f.Date;
            fw.Description = f.Description;
            fw.Provenance = f.Provenance;
            fw.OwnerActor = owner;
            fw.OwnerActorId = owner?.Id is > 0 ? owner.Id : null;
            SetSource(source, s => fw.Source = s, id => fw.SourceId = id);
            fw.Marking = marking;
            fw.Status = status;
            citations.Add((fw, "framework:" + f.Id, new(path, f.Citations), status));
            var byCode = fw.Commitments.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
            foreach (var (entry, position) in staged.Select((s, i) => (s, i + 1)))
            {
                if (!byCode.TryGetValue(entry.Code, out var c))
                {
                    c = new Commitment { Slug = CommitmentSlug(f.Id, entry.Code), Framework = fw };
                    fw.Commitments.Add(c);
                    db.Commitments.Add(c);
                    tally.Created["commitments"]++;
                }
                c.Code = entry.Code;
                c.Pillar = entry.Entry.Pillar!.Trim();
                c.PillarStated = entry.Entry.PillarStated ?? true;
                c.Text = entry.Text;
                c.Quote = entry.Entry.Quote;
                c.Position = position;
                SetSource(entry.Source, s => c.Source = s, id => c.SourceId = id);
                c.Marking = marking;
                c.Status = entry.Status;
                citations.Add((c, "commitment:" + c.Slug, new(path, entry.Entry.Citations), entry.Status));
            }
            // Commitments are rated: one the file no longer lists is retracted, never deleted.
            foreach (var stale in fw.Commitments.Where(c => c.Id != 0 && !codes.Contains(c.Code)))
            {
                stale.Status = ReviewStatus.Retracted;
            }
        }

        foreach (var (path, f) in set.Endorsements)
        {
            var v = new FieldCheck(path, f.Id, errors);
            Actor? actor = null;
            if (v.Required("actor", f.Actor) is { } a && !actors.TryGetValue(a, out actor))
            {
                v.Error("actor", $"no actor '{a}' in the folder or the database");
            }
            Framework? framework = null;
            if (v.Required("framework", f.Framework) is { } fs && !frameworks.TryGetValue(fs, out framework))
            {
                v.Error("framework", $"no framework '{fs}' in the folder or the database");
            }
            v.Date("date", f.Date);
            var (marking, status) = v.MarkingAndStatus(f.Marking, f.Status);
            v.Citations(f.Citations, status, sources, inFolderSources);
            if (!v.Ok || f.Id is null)
            {
                continue;
            }
            var e = Upsert(endorsements, f.Id, db.Endorsements, tally, "endorsements");
            e.Actor = actor;
            if (actor!.Id != 0)
            {
                e.ActorId = actor.Id;
            }
            e.Framework = framework;
            if (framework!.Id != 0)
            {
                e.FrameworkId = framework.Id;
            }
            e.Date = f.Date;
            e.Note = f.Note;
            e.Marking = marking;
            e.Status = status;
            citations.Add((e, "endorsement:" + f.Id, new(path, f.Citations), status));
        }
    }

    private static void SetSource(Source? source, Action<Source?> set, Action<long?> setId)
    {
        set(source);
        setId(source?.Id is > 0 ? source.Id : null);
    }
}
