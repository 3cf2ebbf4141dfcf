using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Network;

namespace Vigil.Web.Api;

/// <summary>GET /api/v1/actors/{slug}/network: an actor's neighbourhood for the graph view.</summary>
public static class NetworkApi
{
    public static RouteGroupBuilder MapNetworkApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/actors/{slug}/network", GetAsync).WithTags("Network").WithName("GetActorNetwork")
            .WithSummary("Actors and products within one or two relationships of an actor (at most 200 records).");
        return v1;
    }

    private static async Task<Results<Ok<Neighbourhood>, NotFound>> GetAsync(
        GetNeighbourhoodHandler handler, string slug, int? hops, CancellationToken ct)
    {
        var network = await handler.HandleAsync(new GetNeighbourhoodRequest(slug, hops ?? 1), ct);
        return network is null ? TypedResults.NotFound() : TypedResults.Ok(network);
    }
}
