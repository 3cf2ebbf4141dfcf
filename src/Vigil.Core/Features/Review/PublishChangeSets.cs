using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>What a reviewer publishes: one or several change sets, with an optional comment kept on each record.</summary>
public sealed record PublishChangeSetsInput(IReadOnlyList<long>? Sets = null, string? Comment = null);

/// <summary>How each set of a publish request ended.</summary>
public sealed record ChangeSetsPublished(IReadOnlyList<ChangeSetResult> Sets)
{
    public bool AllDone => Sets.All(s => s.Outcome == ReviewOutcome.Done);
}

/// <summary>
/// A reviewer publishes change sets. Each set is all or nothing: the publish check runs over the whole
/// set (<see cref="ChangeSetRules.ProblemsAsync"/>: every record in review, a citation published or in
/// the set for every claim, four eyes for every record), then every record becomes published in one
/// transaction, each with its review step. Several sets are published one after the other; one that
/// cannot be published leaves the others published.
/// </summary>
public sealed class PublishChangeSetsHandler(VigilDb db, Incidents.TargetNaming naming)
{
    public async Task<ChangeSetsPublished> HandleAsync(PublishChangeSetsInput input, CancellationToken ct = default)
    {
        var ids = (input.Sets ?? []).Distinct().ToList();
        if (!db.Reader.CanReview)
        {
            return new([ChangeSetResult.Forbidden("Only a reviewer may publish change sets.")]);
        }
        if (ids.Count == 0)
        {
            var errors = new ValidationErrors();
            errors.Add("sets", "Choose at least one change set.");
            return new([ChangeSetResult.Invalid(errors)]);
        }
        var results = new List<ChangeSetResult>();
        foreach (var id in ids)
        {
            results.Add(await PublishAsync(id, input.Comment?.Trim(), ct));
        }
        return new(results);
    }

    private async Task<ChangeSetResult> PublishAsync(long id, string? comment, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var set = await db.ChangeSets.AsTracking().Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (set is null)
        {
            return ChangeSetResult.NotFound();
        }
        var records = await ChangeSetRules.RecordsAsync(db, set, ct);
        var problems = await ChangeSetRules.ProblemsAsync(db, set, records, db.Reader.Name, ct);
        foreach (var (_, record) in records)
        {
            // Named by position, not by its source's title: that title may be what names the person.
            if (await naming.ForbidsAsync(record!, ct))
            {
                problems.Add($"A citation in the set (number {record!.Id}): {Incidents.TargetNaming.Refusal}");
            }
        }
        if (problems.Count > 0)
        {
            db.ChangeTracker.Clear();
            var outcome = problems.Any(p => p.Contains("nobody reviews their own change", StringComparison.Ordinal)) ? ReviewOutcome.SelfReview : ReviewOutcome.Conflict;
            return new ChangeSetResult(outcome, $"Change set {id} \"{set.Title}\" was not published: " + string.Join(" ", problems));
        }
        foreach (var (_, record) in records)
        {
            record!.Status = ReviewStatus.Published;
            if (record is Incident incident)
            {
                incident.Targets.ForEach(t => t.Status = ReviewStatus.Published);
            }
            await PublishHandler.ReplyAnswerFollows(db, record, ct);
        }
        set.State = ChangeSetState.Published;
        set.DecidedAt = db.Now();
        set.DecidedBy = db.Reader.Name;
        set.Comment = comment is { Length: > 0 } ? comment : null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeReason = $"published by {db.Reader.Name} in change set {id}" + (comment is { Length: > 0 } ? $": {comment}" : "");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ChangeSetResult.Conflict($"A record of change set {id} was changed while you published it: nothing was published. Reload and review it again.");
        }
        var note = comment is { Length: > 0 } ? $"change set {id}: {comment}" : $"change set {id}";
        foreach (var (_, record) in records)
        {
            db.ReviewEvents.Add(new ReviewEvent
            {
                RecordKind = record!.Kind, RecordId = record.Id, Version = record.Version, Marking = record.Marking,
                At = db.Now(), By = db.Reader.Name, Action = "publish", Comment = note.Length <= 2000 ? note : note[..2000],
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        var saved = (await ChangeSetRules.LoadAsync(db, id, ct))!;
        return new ChangeSetResult(ReviewOutcome.Done, Set: await ChangeSetRules.ViewAsync(db, saved, ct));
    }
}
