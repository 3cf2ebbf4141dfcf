using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Common;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Api;

/// <summary>
/// Four-eyes review and history: the review queue, and for every kind of record its history, submit,
/// publish, send back, retract and revert (<c>/api/v1/{kind}/{idOrSlug}/…</c>).
/// </summary>
public static class ReviewApi
{
    public static RouteGroupBuilder MapReviewApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/reviews", async Task<Results<Ok<ReviewQueue>, ProblemHttpResult>> (ListReviewsHandler handler, CancellationToken ct) =>
                await handler.HandleAsync(ct) is { } queue
                    ? TypedResults.Ok(queue)
                    : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "The review queue is for editors and reviewers."))
            .WithTags("Review").WithName("ListReviews")
            .WithSummary("Lists records in review and changes proposed to published records, each with its diff and whether you may publish it.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        foreach (var kind in Enum.GetValues<RecordKind>())
        {
            var what = Labels.RecordType(kind);
            var name = kind.ToString();
            var group = v1.MapGroup("/" + ReviewRules.Segment(kind)).WithTags("Review");

            group.MapGet("/{idOrSlug}/history", async Task<Results<Ok<HistoryView>, ProblemHttpResult>> (
                    string idOrSlug, GetHistoryHandler handler, CancellationToken ct) =>
                    ApiResults.Get(await handler.HandleAsync(kind, idOrSlug, ct), what, idOrSlug))
                .WithName($"Get{name}History").WithSummary($"Lists the revisions of a {what}: who, when, why, each field's old and new value.")
                .ProducesProblem(StatusCodes.Status404NotFound);

            group.MapPost("/{idOrSlug}/submit", async Task<Results<Ok<ReviewedRecord>, ValidationProblem, ProblemHttpResult>> (
                    string idOrSlug, ReviewInput? input, SubmitForReviewHandler handler, CancellationToken ct) =>
                    ApiResults.Step(await handler.HandleAsync(kind, idOrSlug, input ?? new(), ct), what, idOrSlug))
                .WithName($"Submit{name}").WithSummary($"Submits a draft {what} for review (editors).")
                .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

            group.MapPost("/{idOrSlug}/publish", async Task<Results<Ok<ReviewedRecord>, ValidationProblem, ProblemHttpResult>> (
                    string idOrSlug, ReviewInput? input, PublishHandler handler, CancellationToken ct) =>
                    ApiResults.Step(await handler.HandleAsync(kind, idOrSlug, input ?? new(), ct), what, idOrSlug))
                .WithName($"Publish{name}")
                .WithSummary($"Publishes a {what} in review, or applies a pending change to a published one (\"change\": id); reviewers, never their own change (409).")
                .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

            group.MapPost("/{idOrSlug}/send-back", async Task<Results<Ok<ReviewedRecord>, ValidationProblem, ProblemHttpResult>> (
                    string idOrSlug, ReviewInput? input, SendBackHandler handler, CancellationToken ct) =>
                    ApiResults.Step(await handler.HandleAsync(kind, idOrSlug, input ?? new(), ct), what, idOrSlug))
                .WithName($"SendBack{name}").WithSummary($"Sends a {what} in review back to draft, or declines a pending change (\"change\": id), with a required comment (reviewers).")
                .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

            group.MapPost("/{idOrSlug}/retract", async Task<Results<Ok<ReviewedRecord>, ValidationProblem, ProblemHttpResult>> (
                    string idOrSlug, ReviewInput? input, RetractHandler handler, CancellationToken ct) =>
                    ApiResults.Step(await handler.HandleAsync(kind, idOrSlug, input ?? new(), ct), what, idOrSlug))
                .WithName($"Retract{name}").WithSummary($"Retracts a published {what} with a required reason, leaving a tombstone (reviewers).")
                .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

            group.MapPost("/{idOrSlug}/revert", async Task<Results<Ok<ReviewedRecord>, Accepted<ReviewedRecord>, ValidationProblem, ProblemHttpResult>> (
                    string idOrSlug, RevertInput input, RevertHandler handler, CancellationToken ct) =>
                    ApiResults.Updated(await handler.HandleAsync(kind, idOrSlug, input, ct), what, idOrSlug))
                .WithName($"Revert{name}")
                .WithSummary($"Makes a {what}'s fields what they were at toVersion, as a new revision (on a published {what}, a pending change: 202). Editors; send version and reason.")
                .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        }
        return v1;
    }
}
