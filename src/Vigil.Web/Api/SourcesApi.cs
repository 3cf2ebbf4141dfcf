using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Sources;
using Vigil.Features.Common;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Api;

/// <summary>/api/v1/sources: the documents evidence comes from.</summary>
public static class SourcesApi
{
    public static RouteGroupBuilder MapSourcesApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/sources").WithTags("Sources");

        group.MapGet("/", async Task<Results<Ok<PagedList<SourceSummary>>, ValidationProblem>> (
                string? q, string? status, int? page, int? pageSize,
                ListSourcesHandler handler, CancellationToken ct) =>
                ApiResults.List(await handler.HandleAsync(new ListSourcesQuery(q, status, page, pageSize), ct)))
            .WithName("ListSources").WithSummary("Lists sources, filtered by status or full text (q).");

        group.MapGet("/{idOrSlug}", async Task<Results<Ok<SourceDetail>, ProblemHttpResult>> (
                string idOrSlug, GetSourceHandler handler, GetTombstoneHandler tombstones, CancellationToken ct) =>
                await ApiResults.GetOrGoneAsync(await handler.HandleAsync(idOrSlug, ct), () => tombstones.HandleAsync(RecordKind.Source, idOrSlug, ct), "source", idOrSlug))
            .WithName("GetSource").WithSummary("Gets a source by id or slug, with what cites it.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);

        group.MapPost("/", async Task<Results<Created<SourceDetail>, ValidationProblem, ProblemHttpResult>> (
                SourceInput input, CreateSourceHandler handler, CancellationToken ct) =>
                ApiResults.Created(await handler.HandleAsync(input, ct), a => $"/api/v1/sources/{a.Slug}"))
            .WithName("CreateSource").WithSummary("Creates a source (a draft unless a status is given).")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPut("/{idOrSlug}", async Task<Results<Ok<SourceDetail>, Accepted<SourceDetail>, ValidationProblem, ProblemHttpResult>> (
                string idOrSlug, SourceInput input, UpdateSourceHandler handler, CancellationToken ct) =>
                ApiResults.Updated(await handler.HandleAsync(idOrSlug, input, ct), "source", idOrSlug))
            .WithName("UpdateSource").WithSummary("Updates a source; send the version you read (409 with both versions when it is stale). A published source is not changed: the change waits for a reviewer (202).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }
}
