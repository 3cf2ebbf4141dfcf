using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Common;
using Vigil.Features.Gaps;
using Vigil.Features.Measures;

namespace Vigil.Web.Api;

/// <summary>/api/v1/measures: sanctions, listings, charges, lawsuits…; /api/v1/gaps: the coordination-gap matrix.</summary>
public static class MeasuresApi
{
    public static RouteGroupBuilder MapMeasuresApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/measures").WithTags("Measures");

        group.MapGet("/", async Task<Results<Ok<PagedList<MeasureSummary>>, ValidationProblem>> (
                string? type, string? stage, string? authority, string? target, string? programme, int? page, int? pageSize,
                ListMeasuresHandler handler, CancellationToken ct) =>
                ApiResults.List(await handler.HandleAsync(new ListMeasuresQuery(type, stage, authority, target, programme, page, pageSize), ct)))
            .WithName("ListMeasures").WithSummary("Lists measures, newest first, filtered by type, stage, authority or target (actor slugs) and programme.");

        group.MapGet("/{idOrSlug}", async Task<Results<Ok<MeasureDetail>, ProblemHttpResult>> (
                string idOrSlug, GetMeasureHandler handler, CancellationToken ct) =>
                ApiResults.Get(await handler.HandleAsync(idOrSlug, ct), "measure", idOrSlug))
            .WithName("GetMeasure").WithSummary("Gets a measure by id or slug, with its targets, dated steps and citations.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async Task<Results<Created<MeasureDetail>, ValidationProblem, ProblemHttpResult>> (
                MeasureInput input, RecordMeasureHandler handler, CancellationToken ct) =>
                ApiResults.Created(await handler.HandleAsync(input, ct), m => $"/api/v1/measures/{m.Slug}"))
            .WithName("RecordMeasure").WithSummary("Records a measure as a draft (editors): type, title, authority and targets by name, alias or slug, dates, first steps, and evidence (source, locator, quote, credibility) that becomes its first citation.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPut("/{idOrSlug}", async Task<Results<Ok<MeasureDetail>, Accepted<MeasureDetail>, ValidationProblem, ProblemHttpResult>> (
                string idOrSlug, MeasureInput input, UpdateMeasureHandler handler, CancellationToken ct) =>
                ApiResults.Updated(await handler.HandleAsync(idOrSlug, input, ct), "measure", idOrSlug))
            .WithName("UpdateMeasure").WithSummary("Updates a measure; steps sent are appended. Send the version you read (409 with both versions when it is stale). A published measure's change waits for a reviewer (202).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{idOrSlug}/steps", async Task<Results<Ok<MeasureDetail>, Accepted<MeasureDetail>, ValidationProblem, ProblemHttpResult>> (
                string idOrSlug, MeasureStepWrite input, AddMeasureStepHandler handler, CancellationToken ct) =>
                ApiResults.Updated(await handler.HandleAsync(idOrSlug, input, ct), "measure", idOrSlug))
            .WithName("AddMeasureStep").WithSummary("Adds a dated, sourced step (lifted, ruling, appeal, closed…) to a measure; its stage follows the latest step. Send the version you read. On a published measure the step waits for a reviewer (202).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var gaps = v1.MapGroup("/gaps").WithTags("Measures");
        gaps.MapGet("/{vendor}", async Task<Results<Ok<GapMatrix>, ValidationProblem, ProblemHttpResult>> (
                string vendor, int? hops, string? group, string[]? type, GetGapMatrixHandler handler, CancellationToken ct) =>
            {
                var (request, errors) = GapRequest.Parse(vendor, hops, group, type);
                if (request is null)
                {
                    return TypedResults.ValidationProblem(errors!);
                }
                return await handler.HandleAsync(request, ct) is { } matrix ? TypedResults.Ok(matrix) : ApiResults.NotFound("actor", vendor);
            })
            .WithName("GetGapMatrix").WithSummary("The coordination-gap matrix of a vendor's network (hops 0–6, default 2) × jurisdictions (all states, or group=joint-statement|pall-mall-code|pall-mall-declaration) × measure types, with the evasion surface and ranked gaps.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        gaps.MapGet("/state/{state}", async Task<Results<Ok<JurisdictionGaps>, ValidationProblem, ProblemHttpResult>> (
                string state, int? hops, string? group, string[]? type, GetGapMatrixHandler handler, CancellationToken ct) =>
            {
                var (request, errors) = GapRequest.Parse(state, hops, group, type);
                if (request is null)
                {
                    return TypedResults.ValidationProblem(errors!);
                }
                return await handler.ForStateAsync(state, request.Hops, request.Types, request.Group, ct) is { } view
                    ? TypedResults.Ok(view) : ApiResults.NotFound("state", state);
            })
            .WithName("GetStateGaps").WithSummary("One state's coordination gaps across every vendor: per vendor, the measures it has in force or lifted by type, and the network members others have measured and it has not (hops 0–6, default 2; group names the framework it signed in the gap text).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }
}
