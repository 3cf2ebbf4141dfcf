using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Actors;
using Vigil.Features.Common;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Api;

/// <summary>/api/v1/actors: states, public bodies, companies, people and organisations.</summary>
public static class ActorsApi
{
    public static RouteGroupBuilder MapActorsApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/actors").WithTags("Actors");

        group.MapGet("/", async Task<Results<Ok<PagedList<ActorSummary>>, ValidationProblem>> (
                string? kind, string? country, string? status, string? q, int? page, int? pageSize,
                ListActorsHandler handler, CancellationToken ct) =>
                ApiResults.List(await handler.HandleAsync(new ListActorsQuery(kind, country, status, q, page, pageSize), ct)))
            .WithName("ListActors").WithSummary("Lists actors, filtered by kind, country, status or full text (q).");

        group.MapGet("/{idOrSlug}", async Task<Results<Ok<ActorDetail>, ProblemHttpResult>> (
                string idOrSlug, GetActorHandler handler, GetTombstoneHandler tombstones, CancellationToken ct) =>
                await ApiResults.GetOrGoneAsync(await handler.HandleAsync(idOrSlug, ct), () => tombstones.HandleAsync(RecordKind.Actor, idOrSlug, ct), "actor", idOrSlug))
            .WithName("GetActor").WithSummary("Gets an actor by id or slug, with its relationships and citations.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);

        group.MapPost("/", async Task<Results<Created<ActorDetail>, ValidationProblem, ProblemHttpResult>> (
                ActorInput input, CreateActorHandler handler, CancellationToken ct) =>
                ApiResults.Created(await handler.HandleAsync(input, ct), a => $"/api/v1/actors/{a.Slug}"))
            .WithName("CreateActor").WithSummary("Creates an actor (a draft unless a status is given).")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPut("/{idOrSlug}", async Task<Results<Ok<ActorDetail>, Accepted<ActorDetail>, ValidationProblem, ProblemHttpResult>> (
                string idOrSlug, ActorInput input, UpdateActorHandler handler, CancellationToken ct) =>
                ApiResults.Updated(await handler.HandleAsync(idOrSlug, input, ct), "actor", idOrSlug))
            .WithName("UpdateActor").WithSummary("Updates an actor; send the version you read (409 with both versions when it is stale). A published actor is not changed: the change waits for a reviewer (202).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }
}
