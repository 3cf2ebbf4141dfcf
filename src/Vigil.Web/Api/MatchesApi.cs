using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Sanctions;

namespace Vigil.Web.Api;

/// <summary>
/// The match queue: possible matches between sanctions-list entries and actors already in the graph,
/// which an editor accepts (the same actor: merged) or rejects (kept apart) (<c>/api/v1/matches</c>).
/// </summary>
public static class MatchesApi
{
    public static RouteGroupBuilder MapMatchesApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/matches").WithTags("Matches");

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<MatchView>>, ProblemHttpResult>> (string? state, ListMatchesHandler handler, CancellationToken ct) =>
                await handler.HandleAsync(state, ct) is { } matches
                    ? TypedResults.Ok(matches)
                    : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "The match queue is for editors and reviewers."))
            .WithName("ListMatches")
            .WithSummary("Lists possible matches (state=open, accepted, rejected or all), each with both actors and the evidence for and against.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{id:long}", async Task<Results<Ok<MatchView>, ProblemHttpResult>> (long id, ListMatchesHandler handler, CancellationToken ct) =>
                await handler.GetAsync(id, ct) is { } match ? TypedResults.Ok(match) : ApiResults.NotFound("possible match", id.ToString(CultureInfo.InvariantCulture)))
            .WithName("GetMatch").WithSummary("Gets a possible match.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:long}/accept", async Task<Results<Ok<MatchView>, ProblemHttpResult>> (long id, DecideMatchHandler handler, CancellationToken ct) =>
                Answer(await handler.AcceptAsync(id, ct), id))
            .WithName("AcceptMatch")
            .WithSummary("Accepts a possible match: the list entry is the existing actor, which takes its identifier, names, measures and citations (editors).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:long}/reject", async Task<Results<Ok<MatchView>, ProblemHttpResult>> (long id, DecideMatchHandler handler, CancellationToken ct) =>
                Answer(await handler.RejectAsync(id, ct), id))
            .WithName("RejectMatch")
            .WithSummary("Rejects a possible match: the two stay apart, and later imports do not ask again (editors).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return v1;
    }

    private static Results<Ok<MatchView>, ProblemHttpResult> Answer(MatchDecision decision, long id) => decision.Outcome switch
    {
        MatchOutcome.Done => TypedResults.Ok(decision.Match!),
        MatchOutcome.NotFound => ApiResults.NotFound("possible match", id.ToString(CultureInfo.InvariantCulture)),
        MatchOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: decision.Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already decided", detail: decision.Detail),
    };
}
