using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Citations;
using Vigil.Features.Common;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Api;

/// <summary>/api/v1/citations: links from records to the sources they rest on.</summary>
public static class CitationsApi
{
    public static RouteGroupBuilder MapCitationsApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/citations").WithTags("Citations");

        group.MapGet("/", async Task<Results<Ok<PagedList<CitationSummary>>, ValidationProblem>> (
                string? source, string? subject, string? status, int? page, int? pageSize,
                ListCitationsHandler handler, CancellationToken ct) =>
                ApiResults.List(await handler.HandleAsync(new ListCitationsQuery(source, subject, status, page, pageSize), ct)))
            .WithName("ListCitations").WithSummary("Lists citations, filtered by source (slug) or subject (kind:slug, e.g. actor:intellexa-sa).");

        group.MapGet("/{idOrSlug}", async Task<Results<Ok<CitationDetail>, ProblemHttpResult>> (
                string idOrSlug, GetCitationHandler handler, GetTombstoneHandler tombstones, CancellationToken ct) =>
                await ApiResults.GetOrGoneAsync(await handler.HandleAsync(idOrSlug, ct), () => tombstones.HandleAsync(RecordKind.Citation, idOrSlug, ct), "citation", idOrSlug))
            .WithName("GetCitation").WithSummary("Gets a citation by id or slug.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);

        group.MapPost("/", async Task<Results<Created<CitationDetail>, ValidationProblem, ProblemHttpResult>> (
                CitationInput input, CreateCitationHandler handler, CancellationToken ct) =>
                await handler.HandleAsync(input, ct) is var result && result.Status == WriteStatus.NotFound
                    ? ApiResults.NotFound("record", input.Subject ?? "")
                    : ApiResults.Created(result, a => $"/api/v1/citations/{a.Slug}"))
            .WithName("CreateCitation").WithSummary("Creates a citation: a source supporting an actor, product, relationship, incident, measure, endorsement, assessment or national report (subject kind:slug). A subject the writer cannot see is not found (404) and nothing is written.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{idOrSlug}", async Task<Results<Ok<CitationDetail>, Accepted<CitationDetail>, ValidationProblem, ProblemHttpResult>> (
                string idOrSlug, CitationInput input, UpdateCitationHandler handler, CancellationToken ct) =>
                ApiResults.Updated(await handler.HandleAsync(idOrSlug, input, ct), "citation", idOrSlug))
            .WithName("UpdateCitation").WithSummary("Updates a citation; send the version you read (409 with both versions when it is stale). A published citation is not changed: the change waits for a reviewer (202).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }
}
