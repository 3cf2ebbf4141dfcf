using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>What a review step asks for. <c>Version</c> is the record's version the reviewer read (stale: 409).
/// <c>Change</c> names a pending change to a published record; <c>Comment</c> (send back) and <c>Reason</c>
/// (retract) are kept and shown.</summary>
public sealed record ReviewInput(int? Version = null, long? Change = null, string? Comment = null, string? Reason = null);

/// <summary>How a review step ended.</summary>
public enum ReviewOutcome
{
    Done,
    Invalid,
    NotFound,
    Forbidden,
    /// <summary>The record or change moved on since it was read, or is not in the state the step needs.</summary>
    Conflict,
    /// <summary>The reviewer wrote part of what they would approve: nobody reviews their own change.</summary>
    SelfReview,
}

/// <summary>A record as a review step left it.</summary>
public sealed record ReviewedRecord(string Type, string Slug, string Label, ReviewStatus Status, int Version, string Marking);

/// <summary>The outcome of a review step, which the API or a page turns into its own answer.</summary>
public sealed record ReviewResult(ReviewOutcome Outcome, string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null, ReviewedRecord? Record = null)
{
    public static ReviewResult NotFound() => new(ReviewOutcome.NotFound);

    public static ReviewResult Forbidden(string detail) => new(ReviewOutcome.Forbidden, detail);

    public static ReviewResult Conflict(string detail) => new(ReviewOutcome.Conflict, detail);

    public static ReviewResult Invalid(ValidationErrors errors) => new(ReviewOutcome.Invalid, Errors: errors.ToDictionary());
}

/// <summary>
/// The four-eyes rules in one place: who may set which status in a plain write, who may review,
/// who wrote what since a record was last published, and finding records of any kind.
/// </summary>
public static class ReviewRules
{
    /// <summary>The API and page path segment of a record kind ("actors").</summary>
    public static string Segment(RecordKind kind) => Labels.RecordType(kind) + "s";

    /// <summary>The kind a path segment names, if any.</summary>
    public static RecordKind? KindOf(string segment) =>
        Enum.GetValues<RecordKind>().Where(k => Segment(k) == segment).Select(k => (RecordKind?)k).FirstOrDefault();

    /// <summary>
    /// Whether the context's writer may create or change records: an editor, or a reviewer while
    /// applying a change somebody else proposed.
    /// </summary>
    public static bool MayWrite(VigilDb db) => db.Reader.CanEdit || (db.ApplyingApprovedChange && db.Reader.CanReview);

    /// <summary>Whether an update of a published record is held for review rather than applied.</summary>
    public static bool HoldsChangesOfPublished(VigilDb db) => !db.Reader.IsSystem && !db.ApplyingApprovedChange;

    /// <summary>
    /// In a create or update an editor may set draft or in-review; publishing and retracting go through
    /// review, and a published or retracted record's status changes only there. The operator's imports
    /// (reviewed data files) are exempt.
    /// </summary>
    public static void CheckWrittenStatus(VigilDb db, ReviewStatus? before, Record record, ValidationErrors errors)
    {
        if (db.Reader.IsSystem || db.ApplyingApprovedChange)
        {
            return;
        }
        var route = $"/api/v1/{Segment(record.Kind)}/{{idOrSlug}}";
        if (before is ReviewStatus.Published or ReviewStatus.Retracted)
        {
            if (record.Status != before)
            {
                errors.Add("status", $"A {before.Value.ToLabel()} record's status changes only through review: a reviewer retracts it (POST {route}/retract).");
            }
            return;
        }
        if (record.Status is ReviewStatus.Published or ReviewStatus.Retracted)
        {
            errors.Add("status", $"An editor may set draft or in-review only: submit the record for review (POST {route}/submit) and a reviewer publishes it (POST {route}/publish).");
        }
    }

    /// <summary>A record of <paramref name="kind"/> the reader may see, tracked, with what its label needs.</summary>
    public static Task<Record?> FindAsync(VigilDb db, RecordKind kind, string idOrSlug, CancellationToken ct) =>
        FindAsync(db, kind, idOrSlug, QueryTrackingBehavior.TrackAll, ct);

    /// <summary>
    /// The same record, untracked: for reading its label. A set of thousands of records (a lab's STIX bundle) named
    /// its records by tracked lookups, and each one detached again cost a walk of the source's thousands of tracked
    /// citations: 30 s for 1,549 indicators.
    /// </summary>
    public static Task<Record?> ReadAsync(VigilDb db, RecordKind kind, string idOrSlug, CancellationToken ct) =>
        FindAsync(db, kind, idOrSlug, QueryTrackingBehavior.NoTracking, ct);

    private static async Task<Record?> FindAsync(VigilDb db, RecordKind kind, string idOrSlug, QueryTrackingBehavior tracking, CancellationToken ct) => kind switch
    {
        RecordKind.Actor => await db.Actors.AsTracking(tracking).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
        RecordKind.Product => await db.Products.AsTracking(tracking).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
        RecordKind.Source => await db.Sources.AsTracking(tracking).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
        RecordKind.Relationship => await db.Relationships.AsTracking(tracking).Include(r => r.FromActor).Include(r => r.ToActor).Include(r => r.ToProduct)
            .ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
        RecordKind.Citation => await db.Citations.AsTracking(tracking).Include(c => c.Source).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
        RecordKind.Incident => await db.Incidents.AsTracking(tracking).Include(i => i.Targets).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
        RecordKind.Measure => await db.Measures.AsTracking(tracking).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
        RecordKind.Framework => await db.Frameworks.AsTracking(tracking).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
        RecordKind.Commitment => await db.Commitments.AsTracking(tracking).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
        RecordKind.Endorsement => await db.Endorsements.AsTracking(tracking).Include(e => e.Actor).Include(e => e.Framework).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
        RecordKind.Assessment => await db.Assessments.AsTracking(tracking).Include(a => a.Actor).Include(a => a.Commitment).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
        RecordKind.NationalReport => await db.NationalReports.AsTracking(tracking).Include(r => r.Actor).Include(r => r.Commitment).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
        RecordKind.ReplyRequest => await db.ReplyRequests.AsTracking(tracking).Include(r => r.Actor).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
        RecordKind.Indicator => await db.Indicators.AsTracking(tracking).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct),
        _ => null,
    };

    /// <summary>Publishing needs a citation, except for sources and citations themselves.</summary>
    public static async Task<bool> HasCitationAsync(VigilDb db, Record record, CancellationToken ct) => record.Kind switch
    {
        RecordKind.Actor => await db.Citations.AnyAsync(c => c.ActorId == record.Id, ct),
        RecordKind.Product => await db.Citations.AnyAsync(c => c.ProductId == record.Id, ct),
        RecordKind.Relationship => await db.Citations.AnyAsync(c => c.RelationshipId == record.Id, ct),
        RecordKind.Incident => await db.Citations.AnyAsync(c => c.IncidentId == record.Id, ct),
        RecordKind.Measure => await db.Citations.AnyAsync(c => c.MeasureId == record.Id, ct),
        RecordKind.Endorsement => await db.Citations.AnyAsync(c => c.EndorsementId == record.Id, ct),
        RecordKind.Indicator => await db.Citations.AnyAsync(c => c.IndicatorId == record.Id, ct),
        // An assessment also needs its rationale: a rating without reasons is not published.
        RecordKind.Assessment => await db.Citations.AnyAsync(c => c.AssessmentId == record.Id, ct)
            && record is Assessment { Rating: not null, Rationale.Length: > 0 },
        // Frameworks and commitments carry their source (an amendment its predecessor's), and may be cited
        // beside it; a national report is the state's own claim.
        _ => true,
    };

    /// <summary>
    /// The version at which the record was last published (by review or an approved change); 0 when it
    /// never was through review.
    /// </summary>
    public static async Task<int> LastPublishedVersionAsync(VigilDb db, RecordKind kind, long id, CancellationToken ct) =>
        await db.ReviewEvents.Where(e => e.RecordKind == kind && e.RecordId == id && (e.Action == "publish" || e.Action == "apply"))
            .MaxAsync(e => (int?)e.Version, ct) ?? 0;

    /// <summary>Who wrote revisions of the record since it was last published (read from <see cref="Revision.By"/>).</summary>
    public static async Task<List<string>> AuthorsSinceLastPublishedAsync(VigilDb db, RecordKind kind, long id, CancellationToken ct)
    {
        var since = await LastPublishedVersionAsync(db, kind, id, ct);
        return await db.Revisions.Where(r => r.RecordKind == kind && r.RecordId == id && r.Version > since)
            .Select(r => r.By).Distinct().ToListAsync(ct);
    }

    /// <summary>Why <paramref name="reviewer"/> may not publish the record (or the change), or null when they may.</summary>
    public static async Task<string?> SelfReviewAsync(VigilDb db, Record record, string reviewer, PendingChange? change, CancellationToken ct)
    {
        if (change is not null && change.ProposedBy == reviewer)
        {
            return "You proposed this change: nobody reviews their own change. Another reviewer must publish it.";
        }
        var authors = await AuthorsSinceLastPublishedAsync(db, record.Kind, record.Id, ct);
        return authors.Contains(reviewer, StringComparer.Ordinal)
            ? "You changed this record since it was last published: nobody reviews their own change. Another reviewer must publish it."
            : null;
    }

    public static ReviewedRecord View(Record record) =>
        new(Labels.RecordType(record.Kind), record.Slug, record.Label, record.Status, record.Version, record.Marking.ToLabel());

    /// <summary>
    /// Saves a status change of the tracked <paramref name="record"/> made from <paramref name="version"/>,
    /// with a review event (and whatever else is tracked) in the same transaction. A stale version, or
    /// another writer first, is a conflict and saves nothing.
    /// </summary>
    public static async Task<ReviewResult> SaveStepAsync(
        VigilDb db, Record record, int version, string action, string? comment, Func<int, IEnumerable<object>>? alsoAdd, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Entry(record).Property(r => r.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict(version);
        }
        db.ReviewEvents.Add(new ReviewEvent
        {
            RecordKind = record.Kind, RecordId = record.Id, Version = record.Version, Marking = record.Marking,
            At = db.Now(), By = db.Reader.Name, Action = action, Comment = comment,
        });
        foreach (var extra in alsoAdd?.Invoke(record.Version) ?? [])
        {
            db.Add(extra);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var view = View(record);
        db.ChangeTracker.Clear();
        return new ReviewResult(ReviewOutcome.Done, Record: view);
    }

    public static ReviewResult Conflict(int version) =>
        ReviewResult.Conflict($"The record was changed since you read it (your version {version}): nothing was done. Reload it and review the current version.");

    /// <summary>The common checks of a step: the reader's role, the record, the version read.</summary>
    public static async Task<(Record? Record, ReviewResult? Refused)> StartAsync(
        VigilDb db, RecordKind kind, string idOrSlug, ReviewInput input, bool needsReviewer, CancellationToken ct)
    {
        if (needsReviewer ? !db.Reader.CanReview : !db.Reader.CanEdit)
        {
            return (null, ReviewResult.Forbidden(needsReviewer
                ? "Only a reviewer may publish, send back or retract records."
                : "Only an editor may submit records for review."));
        }
        var record = await FindAsync(db, kind, idOrSlug, ct);
        if (record is null)
        {
            return (null, ReviewResult.NotFound());
        }
        if (input.Version is { } v && v != record.Version)
        {
            db.ChangeTracker.Clear();
            return (null, Conflict(v));
        }
        return (record, null);
    }
}
