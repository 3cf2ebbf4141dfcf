using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Diligence;

namespace Vigil.Web.Api;

/// <summary>
/// Due-diligence reports as JSON: <c>GET /api/v1/diligence/customer/{slug}</c> (a state or public body) and
/// <c>GET /api/v1/diligence/vendor/{slug}</c> (a company, person or organisation). The same report as the
/// page, read as the caller: each factor's verdict and evidence with its footnoted sources, the marking,
/// as-of date, data version and access rule.
/// </summary>
public static class DiligenceApi
{
    public static RouteGroupBuilder MapDiligenceApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/diligence").WithTags("Diligence");
        group.MapGet("/customer/{slug}", (GetDiligenceHandler h, string slug, CancellationToken ct) => GetAsync(h, DiligenceKinds.Customer, slug, ct))
            .WithName("GetCustomerDiligence")
            .WithSummary("Know Your Customer: a state's or public body's incidents as suspected operator, measures against it, its state's endorsements, scorecard and national reports, and its suppliers.");
        group.MapGet("/vendor/{slug}", (GetDiligenceHandler h, string slug, CancellationToken ct) => GetAsync(h, DiligenceKinds.Vendor, slug, ct))
            .WithName("GetVendorDiligence")
            .WithSummary("Vendor vetting: measures against any member of its network, incidents with its products, rebrands and successors, words vs. actions.");
        return v1;
    }

    private static async Task<Results<Ok<DiligenceReport>, ProblemHttpResult>> GetAsync(GetDiligenceHandler handler, string kind, string slug, CancellationToken ct) =>
        await handler.HandleAsync(kind, slug, ct) is { } doc
            ? TypedResults.Ok(DiligenceReport.From(doc))
            : ApiResults.NotFound(kind == DiligenceKinds.Customer ? "state or public body" : "company, person or organisation", slug);
}
