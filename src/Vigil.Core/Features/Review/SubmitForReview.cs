using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>An editor hands a draft to review: draft → in-review.</summary>
public sealed class SubmitForReviewHandler(VigilDb db)
{
    public async Task<ReviewResult> HandleAsync(RecordKind kind, string idOrSlug, ReviewInput input, CancellationToken ct = default)
    {
        var (record, refused) = await ReviewRules.StartAsync(db, kind, idOrSlug, input, needsReviewer: false, ct);
        if (record is null)
        {
            return refused!;
        }
        if (record.Status != ReviewStatus.Draft)
        {
            db.ChangeTracker.Clear();
            return ReviewResult.Conflict($"Only a draft is submitted for review; this record is {record.Status.ToLabel()}.");
        }
        var version = record.Version;
        record.Status = ReviewStatus.InReview;
        db.ChangeReason = input.Comment is { Length: > 0 } c ? $"submitted for review: {c.Trim()}" : "submitted for review";
        return await ReviewRules.SaveStepAsync(db, record, version, "submit", input.Comment?.Trim(), null, ct);
    }
}
