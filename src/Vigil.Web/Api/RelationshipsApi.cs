using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Relationships;
using Vigil.Features.Common;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Api;

/// <summary>/api/v1/relationships: typed, dated, cited edges between actors and to products.</summary>
public static class RelationshipsApi
{
    public static RouteGroupBuilder MapRelationshipsApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/relationships").WithTags("Relationships");

        group.MapGet("/", async Task<Results<Ok<PagedList<RelationshipSummary>>, ValidationProblem>> (
                string? type, string? actor, string? status, int? page, int? pageSize,
                ListRelationshipsHandler handler, CancellationToken ct) =>
                ApiResults.List(await handler.HandleAsync(new ListRelationshipsQuery(type, actor, status, page, pageSize), ct)))
            .WithName("ListRelationships").WithSummary("Lists relationships, filtered by type, actor (slug, either end) or status.");

        group.MapGet("/{idOrSlug}", async Task<Results<Ok<RelationshipDetail>, ProblemHttpResult>> (
                string idOrSlug, GetRelationshipHandler handler, GetTombstoneHandler tombstones, CancellationToken ct) =>
                await ApiResults.GetOrGoneAsync(await handler.HandleAsync(idOrSlug, ct), () => tombstones.HandleAsync(RecordKind.Relationship, idOrSlug, ct), "relationship", idOrSlug))
            .WithName("GetRelationship").WithSummary("Gets a relationship by id or slug, with its citations.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);

        group.MapPost("/", async Task<Results<Created<RelationshipDetail>, ValidationProblem, ProblemHttpResult>> (
                RelationshipInput input, CreateRelationshipHandler handler, CancellationToken ct) =>
                ApiResults.Created(await handler.HandleAsync(input, ct), a => $"/api/v1/relationships/{a.Slug}"))
            .WithName("CreateRelationship").WithSummary("Creates a relationship between two actors, or an actor and a product (develops, operates).")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPut("/{idOrSlug}", async Task<Results<Ok<RelationshipDetail>, Accepted<RelationshipDetail>, ValidationProblem, ProblemHttpResult>> (
                string idOrSlug, RelationshipInput input, UpdateRelationshipHandler handler, CancellationToken ct) =>
                ApiResults.Updated(await handler.HandleAsync(idOrSlug, input, ct), "relationship", idOrSlug))
            .WithName("UpdateRelationship").WithSummary("Updates a relationship; send the version you read (409 with both versions when it is stale). A published relationship is not changed: the change waits for a reviewer (202).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }
}
