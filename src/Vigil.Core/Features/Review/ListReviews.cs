using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>A record waiting in review, with what changed since it was last published (everything, when new).</summary>
public sealed record InReviewView(
    string Type, string Slug, string Label, string Marking, int Version, DateTime UpdatedAt, string UpdatedBy,
    IReadOnlyList<FieldChange> Changes, bool MayPublish, string? WhyNot);

/// <summary>A pending change in the queue, and whether the reader may publish it.</summary>
public sealed record QueuedChangeView(PendingChangeView Change, bool MayPublish, string? WhyNot);

/// <summary>The review queue: records in review and proposed changes to published records.</summary>
public sealed record ReviewQueue(IReadOnlyList<InReviewView> InReview, IReadOnlyList<QueuedChangeView> Changes);

/// <summary>
/// The review queue for reviewers and editors (null for anyone else). Built from the filtered sets, so
/// it holds only what the reader may see. Each entry says whether the reader may publish it, and if
/// not, why (not a reviewer; their own change).
/// </summary>
public sealed class ListReviewsHandler(VigilDb db)
{
    private const int Limit = 200;

    public async Task<ReviewQueue?> HandleAsync(CancellationToken ct = default)
    {
        if (!db.Reader.CanReview && !db.Reader.CanEdit)
        {
            return null;
        }
        var records = new List<Record>();
        records.AddRange(await db.Actors.Where(r => r.Status == ReviewStatus.InReview).OrderBy(r => r.UpdatedAt).Take(Limit).ToListAsync(ct));
        records.AddRange(await db.Products.Where(r => r.Status == ReviewStatus.InReview).OrderBy(r => r.UpdatedAt).Take(Limit).ToListAsync(ct));
        records.AddRange(await db.Sources.Where(r => r.Status == ReviewStatus.InReview).OrderBy(r => r.UpdatedAt).Take(Limit).ToListAsync(ct));
        records.AddRange(await db.Relationships.Include(r => r.FromActor).Include(r => r.ToActor).Include(r => r.ToProduct)
            .Where(r => r.Status == ReviewStatus.InReview).OrderBy(r => r.UpdatedAt).Take(Limit).ToListAsync(ct));
        records.AddRange(await db.Citations.Include(c => c.Source).Where(r => r.Status == ReviewStatus.InReview).OrderBy(r => r.UpdatedAt).Take(Limit).ToListAsync(ct));
        records.AddRange(await db.Incidents.Where(r => r.Status == ReviewStatus.InReview).OrderBy(r => r.UpdatedAt).Take(Limit).ToListAsync(ct));
        records.AddRange(await db.Measures.Where(r => r.Status == ReviewStatus.InReview).OrderBy(r => r.UpdatedAt).Take(Limit).ToListAsync(ct));
        records.AddRange(await db.Frameworks.Where(r => r.Status == ReviewStatus.InReview).OrderBy(r => r.UpdatedAt).Take(Limit).ToListAsync(ct));
        records.AddRange(await db.Endorsements.Include(e => e.Actor).Include(e => e.Framework).Where(r => r.Status == ReviewStatus.InReview).OrderBy(r => r.UpdatedAt).Take(Limit).ToListAsync(ct));
        records.AddRange(await db.Assessments.Include(a => a.Actor).Include(a => a.Commitment).Where(r => r.Status == ReviewStatus.InReview).OrderBy(r => r.UpdatedAt).Take(Limit).ToListAsync(ct));
        records.AddRange(await db.NationalReports.Include(a => a.Actor).Include(a => a.Commitment).Where(r => r.Status == ReviewStatus.InReview).OrderBy(r => r.UpdatedAt).Take(Limit).ToListAsync(ct));
        records.AddRange(await db.ReplyRequests.Include(r => r.Actor).Where(r => r.Status == ReviewStatus.InReview).OrderBy(r => r.UpdatedAt).Take(Limit).ToListAsync(ct));

        var inReview = new List<InReviewView>();
        foreach (var r in records.OrderBy(r => r.UpdatedAt))
        {
            var since = await ReviewRules.LastPublishedVersionAsync(db, r.Kind, r.Id, ct);
            var revisions = await db.Revisions.Where(x => x.RecordKind == r.Kind && x.RecordId == r.Id && x.Version > since)
                .OrderBy(x => x.Version).ThenBy(x => x.Id).Select(x => new { x.By, x.Changes }).ToListAsync(ct);
            var why = WhyNot(revisions.Any(x => x.By == db.Reader.Name)
                ? "You changed this record since it was last published: another reviewer must publish it." : null);
            var folded = (await HistoryLinks.RedactAsync(db, r.Kind, [Changes.Fold(revisions.Select(x => History.ReadChanges(x.Changes)))], ct))[0];
            inReview.Add(new InReviewView(Labels.RecordType(r.Kind), r.Slug, r.Label, r.Marking.ToLabel(), r.Version, r.UpdatedAt, r.UpdatedBy,
                await Readable.NamesAsync(db, folded, ct), why is null, why));
        }

        var pending = await db.PendingChanges.Where(c => c.State == ChangeState.Pending).OrderBy(c => c.ProposedAt).ThenBy(c => c.Id).Take(Limit).ToListAsync(ct);
        var changes = new List<QueuedChangeView>();
        foreach (var c in pending)
        {
            // The change shows only with its record: a record the reader cannot see keeps its changes hidden too.
            var record = await ReviewRules.FindAsync(db, c.RecordKind, c.RecordId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            if (record is null || record.Id != c.RecordId)
            {
                continue;
            }
            var self = c.ProposedBy == db.Reader.Name
                ? "You proposed this change: another reviewer must publish it."
                : (await ReviewRules.AuthorsSinceLastPublishedAsync(db, c.RecordKind, c.RecordId, ct)).Contains(db.Reader.Name)
                    ? "You changed this record since it was last published: another reviewer must publish it." : null;
            var why = WhyNot(self) ?? (c.BaseVersion != record.Version
                ? $"Made from version {c.BaseVersion}; the record is now at version {record.Version}. Send it back." : null);
            var view = Changes.View(c, record);
            changes.Add(new QueuedChangeView(view with { Changes = await Readable.NamesAsync(db, (await HistoryLinks.RedactAsync(db, c.RecordKind, [view.Changes], ct))[0], ct) }, why is null, why));
        }
        db.ChangeTracker.Clear();
        return new ReviewQueue(inReview, changes);
    }

    private string? WhyNot(string? selfReview) =>
        !db.Reader.CanReview ? "Only a reviewer may publish." : selfReview;
}
