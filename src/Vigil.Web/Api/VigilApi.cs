namespace Vigil.Web.Api;

/// <summary>The JSON API under /api/v1: one MapXxxApi per feature.</summary>
public static class VigilApi
{
    public static void MapVigilApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/api/v1");
        v1.MapActorsApi();
        v1.MapProductsApi();
        v1.MapRelationshipsApi();
        v1.MapSourcesApi();
        v1.MapCitationsApi();
        v1.MapSearchApi();
        v1.MapNetworkApi();
        v1.MapStatsApi();
        v1.MapReviewApi();
        v1.MapChangeSetsApi();
        v1.MapMatchesApi();
        v1.MapIncidentsApi();
        v1.MapMeasuresApi();
        v1.MapCommitmentsApi();
        v1.MapRepliesApi();
        v1.MapScreeningApi();
        v1.MapScreeningCasesApi();
        v1.MapDiligenceApi();
        v1.MapOpenDataApi();
        v1.MapAccountApi();
        v1.MapStixApi();
    }
}
