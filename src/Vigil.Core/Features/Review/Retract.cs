using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>
/// A reviewer withdraws a published record, with a required reason. The record then hides like any
/// unpublished one; a tombstone (label, date, reason) stays for those who could see it.
/// </summary>
public sealed class RetractHandler(VigilDb db)
{
    public async Task<ReviewResult> HandleAsync(RecordKind kind, string idOrSlug, ReviewInput input, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var reason = errors.Required("reason", input.Reason ?? input.Comment, 2000);
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
        if (record.Status != ReviewStatus.Published)
        {
            db.ChangeTracker.Clear();
            return ReviewResult.Conflict($"Only a published record is retracted; this record is {record.Status.ToLabel()}.");
        }
        var version = record.Version;
        var label = record.Label;
        record.Status = ReviewStatus.Retracted;
        db.ChangeReason = $"retracted by {db.Reader.Name}: {reason}";
        return await ReviewRules.SaveStepAsync(db, record, version, "retract", reason, _ =>
        [
            new Tombstone
            {
                RecordKind = kind, RecordId = record.Id, Slug = record.Slug, Label = label.Length <= 1000 ? label : label[..1000],
                Marking = record.Marking, RetractedAt = db.Now(), RetractedBy = db.Reader.Name, Reason = reason,
            },
        ], ct);
    }
}

/// <summary>A retracted record as readers who could see it are told about it.</summary>
public sealed record TombstoneView(string Type, string Slug, string Label, DateTime RetractedAt, string Reason);

/// <summary>The tombstone of a retracted record of <c>kind</c> by slug (or id), if the reader may see it.</summary>
/// <remarks>
/// Kept per data version and kind of reader (<see cref="ReadResults"/>), the absence of one too: every address that
/// finds no record asks (a reader who follows a dead link, a crawler trying slugs).
/// </remarks>
public sealed class GetTombstoneHandler(VigilDb db)
{
    public Task<TombstoneView?> HandleAsync(RecordKind kind, string idOrSlug, CancellationToken ct = default) =>
        ReadResults.GetOrComputeAsync(db, $"tombstone\n{kind}\n{idOrSlug}", () => ComputeAsync(kind, idOrSlug, ct), ReadResultSize.Small);

    private async Task<TombstoneView?> ComputeAsync(RecordKind kind, string idOrSlug, CancellationToken ct)
    {
        var key = idOrSlug.Trim();
        var byId = long.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id);
        var rows = db.Tombstones.Where(t => t.RecordKind == kind && (t.Slug == key || (byId && t.RecordId == id)));
        var type = Labels.RecordType(kind);
        return await rows.OrderByDescending(t => t.RetractedAt)
            .Select(t => new TombstoneView(type, t.Slug, t.Label, t.RetractedAt, t.Reason)).FirstOrDefaultAsync(ct);
    }
}
