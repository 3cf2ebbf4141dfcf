using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Review;

namespace Vigil.Web.Api;

/// <summary>
/// Change sets: an editor's related drafts submitted together, published or sent back by a reviewer as
/// one (<c>/api/v1/change-sets</c>).
/// </summary>
public static class ChangeSetsApi
{
    public static RouteGroupBuilder MapChangeSetsApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/change-sets").WithTags("Review");

        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<ChangeSetView>>, ProblemHttpResult>> (
                bool? all, ListChangeSetsHandler handler, CancellationToken ct) =>
                await handler.HandleAsync(all ?? false, ct) is { } sets
                    ? TypedResults.Ok(sets)
                    : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Change sets are for editors and reviewers."))
            .WithName("ListChangeSets")
            .WithSummary("Lists change sets in review (all=true: decided ones too), each with its records in words, their evidence, who would see them, and what keeps you from publishing it.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/drafts", async Task<Ok<IReadOnlyList<DraftView>>> (ListOwnDraftsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithName("ListOwnDrafts")
            .WithSummary("Lists your own drafts of every kind, each with the \"kind:slug\" reference a change set takes (editors; empty for others).");

        group.MapGet("/{id:long}", async Task<Results<Ok<ChangeSetView>, ProblemHttpResult>> (long id, ListChangeSetsHandler handler, CancellationToken ct) =>
                await handler.GetAsync(id, ct) is { } set ? TypedResults.Ok(set) : ApiResults.NotFound("change set", id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .WithName("GetChangeSet").WithSummary("Gets a change set (editors and reviewers).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async Task<Results<Created<ChangeSetView>, ValidationProblem, ProblemHttpResult>> (
                ChangeSetInput input, SubmitChangeSetHandler handler, CancellationToken ct) =>
                Submitted(await handler.HandleAsync(input, ct)))
            .WithName("SubmitChangeSet")
            .WithSummary("Submits your drafts together as one change set (\"records\": [\"actor:slug\", \"source:slug\", \"citation:slug\", …]); each goes to review (editors).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:long}/publish", async Task<Results<Ok<ChangeSetView>, ValidationProblem, ProblemHttpResult>> (
                long id, PublishChangeSetsInput? input, PublishChangeSetsHandler handler, CancellationToken ct) =>
                One(await handler.HandleAsync(new PublishChangeSetsInput([id], input?.Comment), ct), id))
            .WithName("PublishChangeSet")
            .WithSummary("Publishes every record of a change set in one step, after the publish check over the whole set; reviewers, never a set with their own change (409).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/publish", async Task<Results<Ok<IReadOnlyList<ChangeSetView>>, ValidationProblem, ProblemHttpResult>> (
                PublishChangeSetsInput input, PublishChangeSetsHandler handler, CancellationToken ct) =>
                Several(await handler.HandleAsync(input, ct)))
            .WithName("PublishChangeSets")
            .WithSummary("Publishes several change sets (\"sets\": [ids]), each all or nothing; 409 lists those that were not published (reviewers).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:long}/send-back", async Task<Results<Ok<ChangeSetView>, ValidationProblem, ProblemHttpResult>> (
                long id, ReviewInput? input, SendBackChangeSetHandler handler, CancellationToken ct) =>
                Answer(await handler.HandleAsync(id, input ?? new(), ct), id))
            .WithName("SendBackChangeSet")
            .WithSummary("Sends every record of a change set back to draft with one required comment (reviewers).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return v1;
    }

    private static Results<Created<ChangeSetView>, ValidationProblem, ProblemHttpResult> Submitted(ChangeSetResult result) => result.Outcome switch
    {
        ReviewOutcome.Done => TypedResults.Created($"/api/v1/change-sets/{result.Set!.Id}", result.Set),
        ReviewOutcome.Invalid => TypedResults.ValidationProblem(result.Errors ?? new Dictionary<string, string[]>(), result.Detail),
        ReviewOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Review conflict", detail: result.Detail),
    };

    private static Results<Ok<ChangeSetView>, ValidationProblem, ProblemHttpResult> One(ChangeSetsPublished published, long id) =>
        Answer(published.Sets[0], id);

    private static Results<Ok<ChangeSetView>, ValidationProblem, ProblemHttpResult> Answer(ChangeSetResult result, long id) =>
        result.Outcome == ReviewOutcome.Done ? TypedResults.Ok(result.Set!) : Error(result, id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static Results<Ok<IReadOnlyList<ChangeSetView>>, ValidationProblem, ProblemHttpResult> Several(ChangeSetsPublished published)
    {
        if (published.AllDone)
        {
            return TypedResults.Ok<IReadOnlyList<ChangeSetView>>(published.Sets.Select(s => s.Set!).ToList());
        }
        if (published.Sets is [{ Outcome: ReviewOutcome.Forbidden or ReviewOutcome.Invalid } only])
        {
            return only.Outcome == ReviewOutcome.Invalid
                ? TypedResults.ValidationProblem(only.Errors ?? new Dictionary<string, string[]>())
                : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: only.Detail);
        }
        var done = published.Sets.Where(s => s.Outcome == ReviewOutcome.Done).Select(s => s.Set!.Id).ToList();
        var refused = published.Sets.Where(s => s.Outcome != ReviewOutcome.Done)
            .Select(s => s.Outcome == ReviewOutcome.NotFound ? "A change set you named does not exist." : s.Detail);
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not all published",
            detail: (done.Count > 0 ? $"Published: change sets {string.Join(", ", done)}. " : "Nothing was published. ") + string.Join(" ", refused),
            extensions: new Dictionary<string, object?> { ["published"] = done });
    }

    private static Results<Ok<ChangeSetView>, ValidationProblem, ProblemHttpResult> Error(ChangeSetResult result, string id) => result.Outcome switch
    {
        ReviewOutcome.Invalid => TypedResults.ValidationProblem(result.Errors ?? new Dictionary<string, string[]>(), result.Detail),
        ReviewOutcome.NotFound => ApiResults.NotFound("change set", id),
        ReviewOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Detail),
        ReviewOutcome.SelfReview => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Own change", detail: result.Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Review conflict", detail: result.Detail),
    };
}
