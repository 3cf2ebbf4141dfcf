using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data;
using Vigil.Features.Actors;
using Vigil.Features.Citations;
using Vigil.Features.Common;
using Vigil.Features.Products;
using Vigil.Features.Relationships;
using Vigil.Features.Sources;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>
/// A reviewer publishes: a record in review becomes published (it needs a citation, like any
/// publication), or a pending change to a published record (<see cref="ReviewInput.Change"/>) is applied
/// through the kind's own update step. Refused when the reviewer wrote any revision of the record since
/// it was last published, or proposed the change: nobody reviews their own change.
/// </summary>
public sealed class PublishHandler(VigilDb db, IServiceProvider services)
{
    public async Task<ReviewResult> HandleAsync(RecordKind kind, string idOrSlug, ReviewInput input, CancellationToken ct = default)
    {
        var (record, refused) = await ReviewRules.StartAsync(db, kind, idOrSlug, input, needsReviewer: true, ct);
        if (record is null)
        {
            return refused!;
        }
        return input.Change is { } changeId
            ? await ApplyChangeAsync(record, changeId, input, ct)
            : await PublishAsync(record, input, ct);
    }

    private async Task<ReviewResult> PublishAsync(Record record, ReviewInput input, CancellationToken ct)
    {
        if (record.Status != ReviewStatus.InReview)
        {
            db.ChangeTracker.Clear();
            return ReviewResult.Conflict($"Only a record in review is published; this record is {record.Status.ToLabel()}."
                + (record.Status == ReviewStatus.Draft ? " The editor submits it for review first." : ""));
        }
        if (await ChangeSetRules.OpenSetOfAsync(db, record.Kind, record.Id, ct) is { } set)
        {
            db.ChangeTracker.Clear();
            return ReviewResult.Conflict($"This record is part of change set {set}: it is reviewed with the set (POST /api/v1/change-sets/{set}/publish).");
        }
        if (await ReviewRules.SelfReviewAsync(db, record, db.Reader.Name, null, ct) is { } self)
        {
            db.ChangeTracker.Clear();
            return new ReviewResult(ReviewOutcome.SelfReview, self);
        }
        if (!await ReviewRules.HasCitationAsync(db, record, ct))
        {
            db.ChangeTracker.Clear();
            var errors = new ValidationErrors();
            errors.Add("status", Publishing.NeedsCitation);
            return ReviewResult.Invalid(errors);
        }
        if (await services.GetRequiredService<Incidents.TargetNaming>().ForbidsAsync(record, ct))
        {
            db.ChangeTracker.Clear();
            var errors = new ValidationErrors();
            errors.Add("marking", Incidents.TargetNaming.Refusal);
            return ReviewResult.Invalid(errors);
        }
        var version = record.Version;
        record.Status = ReviewStatus.Published;
        if (record is Incident incident)
        {
            // Targets follow their incident (loaded with it by ReviewRules.FindAsync).
            incident.Targets.ForEach(t => t.Status = ReviewStatus.Published);
        }
        if (record is Framework framework)
        {
            // A new edition's commitments (AmendFrameworkHandler writes them as drafts with it) follow it.
            var commitments = await db.Commitments.AsTracking()
                .Where(c => c.FrameworkId == framework.Id && (c.Status == ReviewStatus.Draft || c.Status == ReviewStatus.InReview)).ToListAsync(ct);
            commitments.ForEach(c => c.Status = ReviewStatus.Published);
        }
        await ReplyAnswerFollows(db, record, ct);
        db.ChangeReason = input.Comment is { Length: > 0 } c ? $"published by {db.Reader.Name}: {c.Trim()}" : $"published by {db.Reader.Name}";
        return await ReviewRules.SaveStepAsync(db, record, version, "publish", input.Comment?.Trim(), null, ct);
    }

    private async Task<ReviewResult> ApplyChangeAsync(Record record, long changeId, ReviewInput input, CancellationToken ct)
    {
        var change = await db.PendingChanges.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == changeId && c.RecordKind == record.Kind && c.RecordId == record.Id, ct);
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
        if (await ReviewRules.SelfReviewAsync(db, record, db.Reader.Name, change, ct) is { } self)
        {
            db.ChangeTracker.Clear();
            return new ReviewResult(ReviewOutcome.SelfReview, self);
        }
        if (change.BaseVersion != record.Version)
        {
            db.ChangeTracker.Clear();
            return ReviewResult.Conflict(
                $"This change was made from version {change.BaseVersion}, but the record is now at version {record.Version}: it would overwrite a later change. Send it back so that the editor makes it again from the current version.");
        }
        var kind = record.Kind;
        var id = record.Id;
        var slug = record.Slug;
        var current = record.Version;
        db.ChangeTracker.Clear();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ApplyingApprovedChange = true;
        db.ChangeReason = $"proposed by {change.ProposedBy}, approved by {db.Reader.Name}"
            + (change.Reason is { Length: > 0 } why ? $": {why}" : "")
            + (input.Comment is { Length: > 0 } c ? $" ({c.Trim()})" : "");
        WriteStatus status;
        IReadOnlyDictionary<string, string[]>? errors;
        try
        {
            (status, errors) = await ApplyAsync(kind, id.ToString(System.Globalization.CultureInfo.InvariantCulture), change, current, ct);
        }
        finally
        {
            db.ApplyingApprovedChange = false;
        }
        if (status is not WriteStatus.Updated)
        {
            db.ChangeTracker.Clear();
            return status switch
            {
                WriteStatus.Invalid => new ReviewResult(ReviewOutcome.Invalid, "The change no longer applies as it stands: send it back.", errors),
                WriteStatus.Conflict => ReviewRules.Conflict(current),
                WriteStatus.Forbidden => ReviewResult.Forbidden("You may not apply this change."),
                _ => ReviewResult.NotFound(),
            };
        }
        var after = (await ReviewRules.FindAsync(db, kind, slug, ct))!;
        var tracked = await db.PendingChanges.AsTracking().FirstAsync(c => c.Id == change.Id, ct);
        tracked.State = ChangeState.Applied;
        tracked.DecidedAt = db.Now();
        tracked.DecidedBy = db.Reader.Name;
        db.ReviewEvents.Add(new ReviewEvent
        {
            RecordKind = kind, RecordId = id, Version = after.Version, Marking = after.Marking,
            At = db.Now(), By = db.Reader.Name, Action = "apply", Comment = input.Comment?.Trim(), ChangeId = change.Id,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var view = ReviewRules.View(after);
        db.ChangeTracker.Clear();
        return new ReviewResult(ReviewOutcome.Done, Record: view);
    }

    /// <summary>Re-runs the kind's update step (or the revert) with the input the editor submitted, at the current version.</summary>
    private async Task<(WriteStatus, IReadOnlyDictionary<string, string[]>?)> ApplyAsync(
        RecordKind kind, string id, PendingChange change, int version, CancellationToken ct)
    {
        if (change.InputType == "revert")
        {
            var revert = Read<RevertInput>(change.Input) with { Version = version };
            var r = await services.GetRequiredService<RevertHandler>().HandleAsync(kind, id, revert, ct);
            return (r.Status, r.Errors);
        }
        return kind switch
        {
            RecordKind.Actor => Outcome(await services.GetRequiredService<UpdateActorHandler>().HandleAsync(id, Read<ActorInput>(change.Input) with { Version = version }, ct)),
            RecordKind.Product => Outcome(await services.GetRequiredService<UpdateProductHandler>().HandleAsync(id, Read<ProductInput>(change.Input) with { Version = version }, ct)),
            RecordKind.Source => Outcome(await services.GetRequiredService<UpdateSourceHandler>().HandleAsync(id, Read<SourceInput>(change.Input) with { Version = version }, ct)),
            RecordKind.Relationship => Outcome(await services.GetRequiredService<UpdateRelationshipHandler>().HandleAsync(id, Read<RelationshipInput>(change.Input) with { Version = version }, ct)),
            RecordKind.Citation => Outcome(await services.GetRequiredService<UpdateCitationHandler>().HandleAsync(id, Read<CitationInput>(change.Input) with { Version = version }, ct)),
            RecordKind.Incident => Outcome(await services.GetRequiredService<Incidents.UpdateIncidentHandler>().HandleAsync(id, Read<Incidents.IncidentInput>(change.Input) with { Version = version }, ct)),
            RecordKind.Measure => Outcome(await services.GetRequiredService<Measures.UpdateMeasureHandler>().HandleAsync(id, Read<Measures.MeasureInput>(change.Input) with { Version = version }, ct)),
            RecordKind.ReplyRequest => Outcome(await services.GetRequiredService<Replies.RecordReplyAnswerHandler>().HandleAsync(id, Read<Replies.ReplyAnswerInput>(change.Input) with { Version = version }, ct)),
            _ => (WriteStatus.NotFound, null),
        };
    }

    /// <summary>
    /// A request for comment's answer source (written with the answer, its text the actor's own) is reviewed
    /// with the request, as an incident's targets are with the incident: it is published with it.
    /// </summary>
    internal static async Task ReplyAnswerFollows(VigilDb db, Record record, CancellationToken ct)
    {
        if (record is ReplyRequest { AnswerSourceId: { } sourceId })
        {
            var source = await db.Sources.AsTracking().FirstOrDefaultAsync(s => s.Id == sourceId && s.Status != ReviewStatus.Published, ct);
            if (source is not null)
            {
                source.Status = ReviewStatus.Published;
            }
        }
    }

    private static (WriteStatus, IReadOnlyDictionary<string, string[]>?) Outcome<T>(WriteResult<T> result) where T : class => (result.Status, result.Errors);

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, History.Json)!;
}
