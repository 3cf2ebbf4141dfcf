using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Stats;

namespace Vigil.Web.Api;

/// <summary>GET /api/v1/stats: headline counts, as <c>vigil stats</c> prints them.</summary>
public static class StatsApi
{
    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/stats", GetAsync).WithTags("Stats").WithName("GetStats")
            .WithSummary("Counts of the records the reader may see, by kind (hidden records are never counted).");
        return v1;
    }

    private static async Task<Ok<StatsResult>> GetAsync(GetStatsHandler handler, CancellationToken ct) =>
        TypedResults.Ok(await handler.HandleAsync(ct));
}
