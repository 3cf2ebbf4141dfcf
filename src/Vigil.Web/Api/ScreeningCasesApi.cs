using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Review;
using Vigil.Features.Screening;

namespace Vigil.Web.Api;

/// <summary>
/// Screening case files (<c>/api/v1/screening/cases</c>): a screening saved with its hits, decided by an
/// editor and confirmed by a second person (a reviewer). Cases are for those who see unpublished work, up
/// to the case's marking; to anyone else a case does not exist (404).
/// </summary>
public static class ScreeningCasesApi
{
    public static RouteGroupBuilder MapScreeningCasesApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/screening/cases").WithTags("Screening");

        group.MapGet("/", async Task<Ok<IReadOnlyList<ScreeningCaseSummary>>> (ScreeningCasesHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(ct)))
            .WithName("ListScreeningCases")
            .WithSummary("Lists the screening cases you may see, newest first (editors, reviewers; empty for others).");

        group.MapGet("/{id:long}", async Task<Results<Ok<ScreeningCaseView>, ProblemHttpResult>> (long id, ScreeningCasesHandler handler, CancellationToken ct) =>
                await handler.GetAsync(id, ct) is { } c ? TypedResults.Ok(c) : ApiResults.NotFound("screening case", Id(id)))
            .WithName("GetScreeningCase").WithSummary("Gets a screening case with its hits, decision and confirmation.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:long}/export", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (long id, ScreeningCasesHandler handler, CancellationToken ct) =>
                await handler.ExportAsync(id, ct) is { } json
                    ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", ScreeningCasesHandler.FileName(id))
                    : ApiResults.NotFound("screening case", Id(id)))
            .WithName("ExportScreeningCase").WithSummary("Downloads a screening case as a JSON file; the export is audited.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async Task<Results<Created<ScreeningCaseView>, ValidationProblem, ProblemHttpResult>> (
                ScreeningCaseInput input, ScreeningCasesHandler handler, CancellationToken ct) =>
                Created(await handler.SaveAsync(input, ct)))
            .WithName("CreateScreeningCase")
            .WithSummary("Screens a name (\"name\", \"schema\", \"countries\", \"datasets\") and saves the answer as a case, marked AMBER unless \"marking\" says otherwise (editors).")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/{id:long}/decide", async Task<Results<Ok<ScreeningCaseView>, ValidationProblem, ProblemHttpResult>> (
                long id, ScreeningDecisionInput input, ScreeningCasesHandler handler, CancellationToken ct) =>
                Answer(await handler.DecideAsync(id, input, ct), id))
            .WithName("DecideScreeningCase")
            .WithSummary("Decides a case: \"decision\" clear, escalate or refuse, with a \"rationale\" (editors). A new decision needs a new confirmation.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:long}/confirm", async Task<Results<Ok<ScreeningCaseView>, ValidationProblem, ProblemHttpResult>> (
                long id, ScreeningCasesHandler handler, CancellationToken ct) =>
                Answer(await handler.ConfirmAsync(id, ct), id))
            .WithName("ConfirmScreeningCase")
            .WithSummary("Confirms a case's decision: a reviewer who is not the one who decided (four eyes; 409 for the decider).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return v1;
    }

    private static Results<Created<ScreeningCaseView>, ValidationProblem, ProblemHttpResult> Created(ScreeningCaseResult result) => result.Outcome switch
    {
        ReviewOutcome.Done => TypedResults.Created($"/api/v1/screening/cases/{result.Case!.Id}", result.Case),
        ReviewOutcome.Invalid => TypedResults.ValidationProblem(result.Errors ?? new Dictionary<string, string[]>(), result.Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Detail),
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static Results<Ok<ScreeningCaseView>, ValidationProblem, ProblemHttpResult> Answer(ScreeningCaseResult result, long id) =>
        result.Outcome == ReviewOutcome.Done ? TypedResults.Ok(result.Case!) : Error(result, Id(id));

    private static Results<Ok<ScreeningCaseView>, ValidationProblem, ProblemHttpResult> Error(ScreeningCaseResult result, string id) => result.Outcome switch
    {
        ReviewOutcome.Invalid => TypedResults.ValidationProblem(result.Errors ?? new Dictionary<string, string[]>(), result.Detail),
        ReviewOutcome.NotFound => ApiResults.NotFound("screening case", id),
        ReviewOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Detail),
        ReviewOutcome.SelfReview => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Four eyes", detail: result.Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Screening case conflict", detail: result.Detail),
    };
}
