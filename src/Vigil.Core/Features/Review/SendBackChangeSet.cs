using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>
/// A reviewer sends a whole change set back with one required reason: every record in review goes back
/// to draft with that comment, and the editor may fix them and submit a new set.
/// </summary>
public sealed class SendBackChangeSetHandler(VigilDb db)
{
    public async Task<ChangeSetResult> HandleAsync(long id, ReviewInput input, CancellationToken ct = default)
    {
        if (!db.Reader.CanReview)
        {
            return ChangeSetResult.Forbidden("Only a reviewer may send back change sets.");
        }
        var errors = new ValidationErrors();
        var comment = errors.Required("comment", input.Comment, 2000);
        var set = await db.ChangeSets.AsTracking().Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (set is null)
        {
            return ChangeSetResult.NotFound();
        }
        if (!errors.IsEmpty)
        {
            db.ChangeTracker.Clear();
            return ChangeSetResult.Invalid(errors);
        }
        if (set.State != ChangeSetState.InReview)
        {
            db.ChangeTracker.Clear();
            return ChangeSetResult.Conflict($"This change set is {Labels.Kebab(set.State)}.");
        }
        var records = await ChangeSetRules.RecordsAsync(db, set, ct);
        if (records.Any(r => r.Record is null))
        {
            db.ChangeTracker.Clear();
            return ChangeSetResult.Forbidden("A record of this set is not visible to you: a reviewer cleared for all of it must decide it.");
        }
        var returned = records.Select(r => r.Record!).Where(r => r.Status == ReviewStatus.InReview).ToList();
        returned.ForEach(r => r.Status = ReviewStatus.Draft);
        set.State = ChangeSetState.SentBack;
        set.DecidedAt = db.Now();
        set.DecidedBy = db.Reader.Name;
        set.Comment = comment;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeReason = $"sent back by {db.Reader.Name} with change set {id}: {comment}";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ChangeSetResult.Conflict($"A record of change set {id} was changed meanwhile: nothing was sent back. Reload it.");
        }
        foreach (var record in returned)
        {
            db.ReviewEvents.Add(new ReviewEvent
            {
                RecordKind = record.Kind, RecordId = record.Id, Version = record.Version, Marking = record.Marking,
                At = db.Now(), By = db.Reader.Name, Action = "send-back", Comment = comment,
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        var saved = (await ChangeSetRules.LoadAsync(db, id, ct))!;
        return new ChangeSetResult(ReviewOutcome.Done, Set: await ChangeSetRules.ViewAsync(db, saved, ct));
    }
}
