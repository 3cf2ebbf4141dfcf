using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>
/// A reviewer returns work to the editor with a required comment: a record in review goes back to
/// draft, or a pending change to a published record is declined. The comment is kept and shown.
/// </summary>
public sealed class SendBackHandler(VigilDb db)
{
    public async Task<ReviewResult> HandleAsync(RecordKind kind, string idOrSlug, ReviewInput input, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var comment = errors.Required("comment", input.Comment, 2000);
        var (record, refused) = await ReviewRules.StartAsync(db, kind, idOrSlug, input, needsReviewer: true, ct);
        if (record is null)
        {
            return refused!;
        }
        if (!errors.IsEmpty)
        {
            db.ChangeTracker.Clear();
            return ReviewResult.Invalid(errors);
        }
        if (input.Change is { } changeId)
        {
            var change = await db.PendingChanges.AsTracking()
                .FirstOrDefaultAsync(c => c.Id == changeId && c.RecordKind == kind && c.RecordId == record.Id, ct);
            if (change is null)
            {
                db.ChangeTracker.Clear();
                return ReviewResult.NotFound();
            }
            if (change.State != ChangeState.Pending)
            {
                db.ChangeTracker.Clear();
                return ReviewResult.Conflict("This change was already decided.");
            }
            change.State = ChangeState.SentBack;
            change.DecidedAt = db.Now();
            change.DecidedBy = db.Reader.Name;
            change.Comment = comment;
            db.ReviewEvents.Add(new ReviewEvent
            {
                RecordKind = kind, RecordId = record.Id, Version = record.Version, Marking = change.Marking,
                At = db.Now(), By = db.Reader.Name, Action = "send-back-change", Comment = comment, ChangeId = change.Id,
            });
            await db.SaveChangesAsync(ct);
            var view = ReviewRules.View(record);
            db.ChangeTracker.Clear();
            return new ReviewResult(ReviewOutcome.Done, Record: view);
        }
        if (record.Status != ReviewStatus.InReview)
        {
            db.ChangeTracker.Clear();
            return ReviewResult.Conflict($"Only a record in review is sent back; this record is {record.Status.ToLabel()}.");
        }
        if (await ChangeSetRules.OpenSetOfAsync(db, record.Kind, record.Id, ct) is { } set)
        {
            db.ChangeTracker.Clear();
            return ReviewResult.Conflict($"This record is part of change set {set}: the set is sent back as one (POST /api/v1/change-sets/{set}/send-back).");
        }
        var version = record.Version;
        record.Status = ReviewStatus.Draft;
        db.ChangeReason = $"sent back by {db.Reader.Name}: {comment}";
        return await ReviewRules.SaveStepAsync(db, record, version, "send-back", comment, null, ct);
    }
}
