using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Common;
using Vigil.Features.Replies;

namespace Vigil.Web.Api;

/// <summary>
/// The right of reply: an actor's requests for comment (<c>/api/v1/actors/{actor}/reply-requests</c>) and
/// each request with its answer (<c>/api/v1/reply-requests/{idOrSlug}</c>). Review steps and history are
/// the common ones (<c>/api/v1/reply-requests/{idOrSlug}/submit</c>, …).
/// </summary>
public static class RepliesApi
{
    public static RouteGroupBuilder MapRepliesApi(this RouteGroupBuilder v1)
    {
        var actors = v1.MapGroup("/actors").WithTags("Right of reply");

        actors.MapGet("/{actor}/reply-requests", async Task<Results<Ok<ReplyRecord>, ProblemHttpResult>> (
                string actor, ActorRepliesHandler handler, CancellationToken ct) =>
                ApiResults.Get(await handler.HandleAsync(actor, ct), "actor", actor))
            .WithName("ListReplyRequests")
            .WithSummary("Lists the requests for comment sent to an actor, newest first, each with its state (awaiting, answered, declined, no-answer past its deadline) and answer, and the actor's response rate.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        actors.MapPost("/{actor}/reply-requests", async Task<Results<Created<ReplyRequestView>, ValidationProblem, ProblemHttpResult>> (
                string actor, ReplyRequestInput input, AskForReplyHandler handler, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(actor, input, ct);
                return result.Status == WriteStatus.NotFound
                    ? Missing(result.Missing ?? $"actor '{actor}'")
                    : ApiResults.Created(result, r => $"/api/v1/reply-requests/{r.Slug}");
            })
            .WithName("AskForReply")
            .WithSummary("Records a request for comment sent to a company, state or public body, as a draft (editors): askedDate, channel, question, deadline, and about (\"incident:name\", \"measure:name\", \"relationship:slug\", \"actor:name\"; none: the actor itself). A record you cannot see is not found (404) and nothing is written.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var group = v1.MapGroup("/reply-requests").WithTags("Right of reply");

        group.MapGet("/{idOrSlug}", async Task<Results<Ok<ReplyRequestView>, ProblemHttpResult>> (
                string idOrSlug, GetReplyRequestHandler handler, CancellationToken ct) =>
                ApiResults.Get(await handler.HandleAsync(idOrSlug, ct), "reply request", idOrSlug))
            .WithName("GetReplyRequest").WithSummary("Gets a request for comment with its state, answer and answer source.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{idOrSlug}/answer", async Task<Results<Ok<ReplyRequestView>, Accepted<ReplyRequestView>, ValidationProblem, ProblemHttpResult>> (
                string idOrSlug, ReplyAnswerInput input, RecordReplyAnswerHandler handler, CancellationToken ct) =>
                ApiResults.Updated(await handler.HandleAsync(idOrSlug, input, ct), "reply request", idOrSlug))
            .WithName("RecordReplyAnswer")
            .WithSummary("Records the answer (outcome answered, with its text, kept as a source of its own) or the refusal (outcome declined) and its date. Send the version you read (409 with both versions when it is stale). On a published request the answer waits for a reviewer (202).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }

    // The same words for hidden and missing records, as everywhere.
    private static ProblemHttpResult Missing(string what) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no {what}. Nothing was written.");
}
