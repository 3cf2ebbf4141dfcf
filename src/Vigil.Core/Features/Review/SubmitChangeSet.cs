using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>
/// What an editor submits as one change set: a title, and the drafts as "kind:slug" ("actor:glasswing",
/// "source:glasswing-report", "citation:…", "relationship:…"), of any kind, however they were made.
/// </summary>
public sealed record ChangeSetInput(string? Title = null, IReadOnlyList<string>? Records = null, string? Comment = null);

/// <summary>
/// An editor submits their own related drafts together: every record goes draft → in review, in one
/// transaction, and the set waits for a reviewer, who publishes or sends back all of it. A record is in
/// at most one open set.
/// </summary>
public sealed class SubmitChangeSetHandler(VigilDb db)
{
    public async Task<ChangeSetResult> HandleAsync(ChangeSetInput input, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return ChangeSetResult.Forbidden("Only an editor may submit records for review.");
        }
        var errors = new ValidationErrors();
        var title = input.Title?.Trim();
        if (title is { Length: > 300 })
        {
            errors.Add("title", "Keep the title to 300 characters.");
        }
        var refs = (input.Records ?? []).Select(r => r?.Trim() ?? "").Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (refs.Count == 0)
        {
            errors.Add("records", "Choose at least one of your drafts.");
        }
        var records = new List<Record>();
        for (var i = 0; i < refs.Count; i++)
        {
            var field = $"records[{i}]";
            var colon = refs[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || ReviewRules.KindOf(refs[i][..colon] + "s") is not { } kind || kind == RecordKind.Target)
            {
                errors.Add(field, $"'{refs[i]}' is not a record: write kind:slug, e.g. actor:glasswing.");
                continue;
            }
            var slug = refs[i][(colon + 1)..];
            var record = await ReviewRules.FindAsync(db, kind, slug, ct);
            if (record is null)
            {
                errors.Add(field, $"There is no {refs[i][..colon]} '{slug}'.");
                continue;
            }
            if (record.Status != ReviewStatus.Draft)
            {
                errors.Add(field, $"The {refs[i][..colon]} '{record.Label}' is {record.Status.ToLabel()}: only drafts are submitted.");
            }
            else if (record.CreatedBy != db.Reader.Name && record.UpdatedBy != db.Reader.Name)
            {
                errors.Add(field, $"The {refs[i][..colon]} '{record.Label}' is not one of your drafts.");
            }
            records.Add(record);
        }
        if (!errors.IsEmpty)
        {
            db.ChangeTracker.Clear();
            return ChangeSetResult.Invalid(errors);
        }

        var evidence = await WaitingEvidenceAsync(records, ct);
        records.AddRange(await DraftSourcesAsync(records, evidence, ct));
        var set = new ChangeSet
        {
            Title = title is { Length: > 0 } ? title : records.Count == 1 ? records[0].Label : $"{records[0].Label} and {records.Count - 1} more",
            SubmittedBy = db.Reader.Name,
            SubmittedAt = db.Now(),
            // Who may see the set: its records and the evidence that joined it.
            Marking = records.Select(r => r.Marking).Concat(evidence.Select(e => e.Marking)).Max(),
            Items = records.Select(r => new ChangeSetItem { RecordKind = r.Kind, RecordId = r.Id })
                .Concat(evidence.Select(e => new ChangeSetItem { RecordKind = RecordKind.Citation, RecordId = e.Id })).ToList(),
        };
        if (set.Title.Length > 300)
        {
            set.Title = set.Title[..299] + "…";
        }
        foreach (var record in records)
        {
            record.Status = ReviewStatus.InReview;
        }
        db.ChangeSets.Add(set);
        // A caller that writes the drafts too (the table import) holds its own transaction: the set joins it.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.ChangeReason = $"submitted for review in change set \"{set.Title}\"";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ChangeSetResult.Conflict("A record was changed while you submitted it: nothing was submitted. Try again.");
        }
        var comment = input.Comment?.Trim() is { Length: > 0 } c ? $"change set {set.Id}: {c}" : $"change set {set.Id}";
        foreach (var record in records)
        {
            db.ReviewEvents.Add(new ReviewEvent
            {
                RecordKind = record.Kind, RecordId = record.Id, Version = record.Version, Marking = record.Marking,
                At = db.Now(), By = db.Reader.Name, Action = "submit", Comment = comment.Length <= 2000 ? comment : comment[..2000],
            });
        }
        await db.SaveChangesAsync(ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        var saved = (await ChangeSetRules.LoadAsync(db, set.Id, ct))!;
        return new ChangeSetResult(ReviewOutcome.Done, Set: await ChangeSetRules.ViewAsync(db, saved, ct));
    }

    private static readonly RecordKind[] CitableKinds =
    [
        RecordKind.Actor, RecordKind.Product, RecordKind.Relationship, RecordKind.Incident, RecordKind.Measure,
        RecordKind.Endorsement, RecordKind.Assessment, RecordKind.NationalReport, RecordKind.Framework, RecordKind.Commitment, RecordKind.Indicator,
    ];

    /// <summary>
    /// The editor's own citations of the submitted records that already wait for review and belong to no
    /// open set. Evidence written with a claim (the cite form, a measure's or an edge's evidence) goes to
    /// review at once, beside the claim; it joins the claim's set, so that the reviewer reads the passage
    /// beside the claim and publishes both in one step.
    /// </summary>
    /// <summary>
    /// The editor's own draft sources that a citation of the set rests on, and that are not in it yet: a
    /// citation cannot be published before its source, so the source is submitted with it rather than
    /// the set failing at publish for want of a box the editor did not tick.
    /// </summary>
    private async Task<List<Record>> DraftSourcesAsync(List<Record> records, List<(long Id, Marking Marking)> evidence, CancellationToken ct)
    {
        var citationIds = records.Where(r => r.Kind == RecordKind.Citation).Select(r => r.Id).Concat(evidence.Select(e => e.Id)).Distinct().ToList();
        if (citationIds.Count == 0)
        {
            return [];
        }
        var inSet = records.Where(r => r.Kind == RecordKind.Source).Select(r => r.Id).ToHashSet();
        var sourceIds = await db.Citations.Where(c => citationIds.Contains(c.Id)).Select(c => c.SourceId).Distinct().ToListAsync(ct);
        var drafts = await db.Sources.AsTracking()
            .Where(s => sourceIds.Contains(s.Id) && s.Status == ReviewStatus.Draft && (s.CreatedBy == db.Reader.Name || s.UpdatedBy == db.Reader.Name))
            .ToListAsync(ct);
        return [.. drafts.Where(s => !inSet.Contains(s.Id))];
    }

    private async Task<List<(long Id, Marking Marking)>> WaitingEvidenceAsync(List<Record> records, CancellationToken ct)
    {
        var found = new List<(long Id, Marking Marking)>();
        foreach (var group in records.Where(r => CitableKinds.Contains(r.Kind)).GroupBy(r => r.Kind))
        {
            var subjects = group.Select(r => r.Id).ToList();
            // A citation's source counts too: the set shows the source's title beside the quote.
            var rows = await db.Citations.Where(Citation.OfSubjects(group.Key, subjects))
                .Where(c => c.Status == ReviewStatus.InReview && (c.CreatedBy == db.Reader.Name || c.UpdatedBy == db.Reader.Name))
                .Where(c => !db.ChangeSetItems.Any(i => i.RecordKind == RecordKind.Citation && i.RecordId == c.Id && i.ChangeSet!.State == ChangeSetState.InReview))
                .Select(c => new { c.Id, c.Marking, SourceMarking = c.Source!.Marking }).ToListAsync(ct);
            found.AddRange(rows.Select(r => (r.Id, r.Marking > r.SourceMarking ? r.Marking : r.SourceMarking)));
        }
        return found.DistinctBy(e => e.Id).ToList();
    }
}
