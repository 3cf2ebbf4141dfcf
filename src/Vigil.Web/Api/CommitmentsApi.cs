using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Commitments;
using Vigil.Features.Common;

namespace Vigil.Web.Api;

/// <summary>
/// /api/v1 commitments: frameworks, the rating scale, quarters, assessments, national reports, words vs.
/// actions and scorecards. Review steps of assessments, endorsements and national reports are the common
/// ones (/api/v1/assessments/{idOrSlug}/submit, publish…, mapped by <see cref="ReviewApi"/>).
/// </summary>
public static class CommitmentsApi
{
    public static RouteGroupBuilder MapCommitmentsApi(this RouteGroupBuilder v1)
    {
        var frameworks = v1.MapGroup("/frameworks").WithTags("Commitments");
        frameworks.MapGet("/", async (ListFrameworksHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithName("ListFrameworks").WithSummary("Lists framework editions (codes, statements, standards, company policies) with counts.");
        frameworks.MapGet("/{idOrSlug}", async Task<Results<Ok<FrameworkDetail>, ProblemHttpResult>> (string idOrSlug, GetFrameworkHandler handler, CancellationToken ct) =>
                ApiResults.Get(await handler.HandleAsync(idOrSlug, ct), "framework", idOrSlug))
            .WithName("GetFramework").WithSummary("Gets a framework edition with its commitments and endorsements.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        frameworks.MapPost("/{idOrSlug}/editions", async Task<Results<Created<FrameworkDetail>, ValidationProblem, ProblemHttpResult>> (
                string idOrSlug, FrameworkAmendment input, AmendFrameworkHandler handler, CancellationToken ct) =>
                await handler.HandleAsync(idOrSlug, input, ct) is var result && result.Status == WriteStatus.NotFound
                    ? ApiResults.NotFound("framework", idOrSlug)
                    : ApiResults.Created(result, f => $"/api/v1/frameworks/{f.Slug}"))
            .WithName("AmendFramework").WithSummary("Amends a framework as a new edition (editors): the date, what changes, the commitments reworded or added (by code) and withdrawn; a draft until a reviewer publishes it. Send the version of the edition you amend (409 when stale).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var endorsements = v1.MapGroup("/endorsements").WithTags("Commitments");
        endorsements.MapGet("/{idOrSlug}", async Task<Results<Ok<EndorsementView>, ProblemHttpResult>> (string idOrSlug, GetEndorsementHandler handler, CancellationToken ct) =>
                ApiResults.Get(await handler.HandleAsync(idOrSlug, ct), "endorsement", idOrSlug))
            .WithName("GetEndorsement").WithSummary("Gets an endorsement with its citations.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        endorsements.MapPost("/", async Task<Results<Created<EndorsementView>, ValidationProblem, ProblemHttpResult>> (
                EndorsementInput input, RecordEndorsementHandler handler, CancellationToken ct) =>
                ApiResults.Created(await handler.HandleAsync(input, ct), e => $"/api/v1/endorsements/{e.Slug}"))
            .WithName("RecordEndorsement").WithSummary("Records that an actor signed or adopted a framework (editors): actor and framework by name, alias or slug, the date, and evidence (source, locator, quote) that becomes its first citation.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        v1.MapGet("/rating-scale", async (GetRatingScaleHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithTags("Commitments").WithName("GetRatingScale").WithSummary("The assessment scale: each step's code, label, definition and points.");

        var quarters = v1.MapGroup("/quarters").WithTags("Commitments");
        quarters.MapGet("/", async (ListQuartersHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithName("ListQuarters").WithSummary("Lists assessment quarters, newest first.");
        quarters.MapPost("/", async Task<Results<Created<OpenQuarterResult>, ValidationProblem, ProblemHttpResult>> (OpenQuarterInput input, OpenQuarterHandler handler, CancellationToken ct) =>
                ApiResults.Created(await handler.HandleAsync(input.Code ?? "", ct), r => $"/api/v1/quarters/{r.Quarter.Code}/progress"))
            .WithName("OpenQuarter").WithSummary("Opens a quarter (\"2026Q1\"): a draft assessment for every endorser and commitment, carried forward from the last published one (editors).")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        quarters.MapPost("/{code}/close", async Task<Results<Ok<QuarterView>, Accepted<QuarterView>, ValidationProblem, ProblemHttpResult>> (string code, CloseQuarterHandler handler, CancellationToken ct) =>
                ApiResults.Updated(await handler.HandleAsync(code, ct), "quarter", code))
            .WithName("CloseQuarter").WithSummary("Closes a quarter: its drafts no longer change (editors).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        quarters.MapGet("/{code}/progress", async Task<Results<Ok<QuarterProgress>, ProblemHttpResult>> (string code, QuarterProgressHandler handler, CancellationToken ct) =>
                ApiResults.Get(await handler.HandleAsync(code, ct), "quarter", code))
            .WithName("GetQuarterProgress").WithSummary("Progress of a quarter: to do, assessed, in review and published, per state and per researcher (editors and reviewers).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        quarters.MapGet("/compare", async Task<Results<Ok<QuarterComparison>, ProblemHttpResult>> (string a, string b, CompareQuartersHandler handler, CancellationToken ct) =>
                ApiResults.Get(await handler.HandleAsync(a, b, ct), "quarter", $"{a}/{b}"))
            .WithName("CompareQuarters").WithSummary("Compares the published assessments of two quarters, commitment by commitment.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var assessments = v1.MapGroup("/assessments").WithTags("Commitments");
        assessments.MapGet("/", async Task<Results<Ok<PagedList<AssessmentRow>>, ValidationProblem>> (
                string? quarter, string? actor, string? status, int? page, int? pageSize, ListAssessmentsHandler handler, CancellationToken ct) =>
                ApiResults.List(await handler.HandleAsync(new ListAssessmentsQuery(quarter, actor, status, page, pageSize), ct)))
            .WithName("ListAssessments").WithSummary("Lists assessments by quarter, actor (slug) or status, paged.");
        assessments.MapGet("/{idOrSlug}", async Task<Results<Ok<AssessmentDetail>, ProblemHttpResult>> (string idOrSlug, GetAssessmentHandler handler, CancellationToken ct) =>
                ApiResults.Get(await handler.HandleAsync(idOrSlug, ct), "assessment", idOrSlug))
            .WithName("GetAssessment").WithSummary("Gets an assessment with its citations, its editions and the contradicting evidence words vs. actions proposes.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        assessments.MapPut("/{idOrSlug}", async Task<Results<Ok<AssessmentDetail>, Accepted<AssessmentDetail>, ValidationProblem, ProblemHttpResult>> (
                string idOrSlug, AssessmentInput input, UpdateAssessmentHandler handler, CancellationToken ct) =>
                ApiResults.Updated(await handler.HandleAsync(idOrSlug, input, ct), "assessment", idOrSlug))
            .WithName("UpdateAssessment").WithSummary("Rates a draft assessment of an open quarter (rating code, verifiable, contradictingEvidence, rationale; send version). Published assessments never change (422).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        assessments.MapPost("/{idOrSlug}/corrections", async Task<Results<Created<AssessmentDetail>, ValidationProblem, ProblemHttpResult>> (
                string idOrSlug, CorrectAssessmentHandler handler, CancellationToken ct) =>
                ApiResults.Created(await handler.HandleAsync(idOrSlug, ct), a => $"/api/v1/assessments/{a.Row.Slug}"))
            .WithName("CorrectAssessment").WithSummary("Starts a correction of a published assessment: a new draft edition that supersedes it once published (editors).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var reports = v1.MapGroup("/national-reports").WithTags("Commitments");
        reports.MapGet("/", async (string? country, string? quarter, ListNationalReportsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(country, quarter, ct)))
            .WithName("ListNationalReports").WithSummary("Lists national reports by country and quarter (a focal point sees only their own state's).");
        reports.MapGet("/{idOrSlug}", async Task<Results<Ok<NationalReportView>, ProblemHttpResult>> (string idOrSlug, GetNationalReportHandler handler, CancellationToken ct) =>
                ApiResults.Get(await handler.HandleAsync(idOrSlug, ct), "national report", idOrSlug))
            .WithName("GetNationalReport").WithSummary("Gets a national report.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapPost("/", async Task<Results<Created<NationalReportView>, Ok<NationalReportView>, ValidationProblem, ProblemHttpResult>> (
                NationalReportFiling input, FileNationalReportHandler handler, CancellationToken ct) =>
                await handler.HandleAsync(input.Country ?? "", input.Quarter ?? "", input.Commitment ?? "", input.ToInput(), ct) switch
                {
                    { Status: WriteStatus.Created } r => TypedResults.Created($"/api/v1/national-reports/{r.Value!.Slug}", r.Value),
                    { Status: WriteStatus.Updated } r => TypedResults.Ok(r.Value!),
                    { Status: WriteStatus.Invalid } r => TypedResults.ValidationProblem(r.Errors!),
                    { Status: WriteStatus.Forbidden } => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                        detail: "Only the focal point of this state files its report."),
                    _ => ApiResults.NotFound("commitment", input.Commitment ?? ""),
                })
            .WithName("FileNationalReport")
            .WithSummary("Files (201) or edits (200, send version) the state's own report on a commitment (slug) in a quarter; its focal point only. submit: true sends it to review.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapGet("/contradictions", async (string? actor, ContradictionsHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(actor, null, ct)))
            .WithTags("Commitments").WithName("ListContradictions")
            .WithSummary("Words vs. actions: for every endorsement or company policy (or one actor's), the later events that contradict it, with citations.");

        var scorecards = v1.MapGroup("/scorecards").WithTags("Commitments");
        scorecards.MapGet("/", async Task<Results<Ok<ScorecardSet>, ProblemHttpResult>> (string? series, string? quarter, ScorecardsHandler handler, CancellationToken ct) =>
                ApiResults.Get(await handler.HandleAsync(series, quarter, null, ct), "scorecard", series ?? ScorecardsHandler.DefaultSeries))
            .WithName("ListScorecards").WithSummary("Scorecards of every endorser of a framework series (default pall-mall-code) in a quarter (default the latest): score per pillar, change since the last quarter, contradictions.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        scorecards.MapGet("/csv", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string? series, string? quarter, ScorecardsHandler handler, CancellationToken ct) =>
                await handler.HandleAsync(series, quarter, null, ct) is { } set
                    ? TypedResults.Text(ScorecardCsv.Write(set), "text/csv; charset=utf-8")
                    : ApiResults.NotFound("scorecard", series ?? ScorecardsHandler.DefaultSeries))
            .WithName("ExportScorecardsCsv").WithSummary("The same scorecards as CSV, one row per actor and pillar.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        scorecards.MapGet("/actors/{actor}", async Task<Results<Ok<ActorScorecard>, ProblemHttpResult>> (string actor, string? quarter, ActorScorecardHandler handler, CancellationToken ct) =>
                ApiResults.Get(await handler.HandleAsync(actor, quarter, ct), "actor", actor))
            .WithName("GetActorScorecard").WithSummary("One state's or company's scorecards, commitment by commitment beside its national report, with its contradictions.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }
}

/// <summary>A national report as the API takes it: which state (ISO code), quarter and commitment, and the report.</summary>
public sealed record NationalReportFiling(
    string? Country = null, string? Quarter = null, string? Commitment = null, string? SelfRating = null, string? Actions = null, string? Laws = null,
    string? Budgets = null, string? OversightBodies = null, string? EvidenceLinks = null, bool Submit = false, int? Version = null)
{
    public NationalReportInput ToInput() => new(SelfRating, Actions, Laws, Budgets, OversightBodies, EvidenceLinks, Submit, Version);
}

/// <summary>The quarter to open, "2026Q1".</summary>
public sealed record OpenQuarterInput(string? Code);
