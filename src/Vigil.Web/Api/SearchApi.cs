using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Common;
using Vigil.Features.Search;
using Vigil.Model;

namespace Vigil.Web.Api;

/// <summary>GET /api/v1/search: the same cross-kind search as the /search page.</summary>
public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/search", SearchAsync).WithTags("Search").WithName("Search")
            .WithSummary("Search (names, aliases and titles through the name engine, typos and other scripts tolerated; full text of descriptions and sources) and browse, over what the reader may see.");
        v1.MapGet("/lookup", async Task<Results<Ok<PagedList<LookupItem>>, ValidationProblem>> (
                string? q, string? kind, int? limit, LookupHandler handler, CancellationToken ct) =>
                ApiResults.List(await handler.HandleAsync(new LookupQuery(q, kind, limit), ct)))
            .WithTags("Search").WithName("Lookup")
            .WithSummary("Type-ahead over names and aliases (accents and case ignored) of the records the reader may see: kind actor, state, public-body, company, person, organisation, product, source, incident, measure or framework (comma-separated; none: all); limit 1–50. Every field that refers to a record uses it.");
        return v1;
    }

    private static async Task<Ok<SearchResponse>> SearchAsync(
        SearchRecordsHandler handler, string? q, string? kind, string? country, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new SearchRecordsRequest(q, kind, country, status, page ?? 1, pageSize ?? 20), ct);
        return TypedResults.Ok(new SearchResponse(
            [.. result.Items.Select(i => new SearchResponseItem(i.Kind, i.Slug, i.Name, i.SubKind, i.Country, i.Marking.ToLabel(), i.Status.ToLabel(), i.Path, i.Score, i.Why))],
            result.Total, result.Page, result.PageSize,
            result.ByKind?.Select(f => new SearchResponseFacet(f.Value, f.Label, f.Count)).ToList(),
            result.ByCountry?.Select(f => new SearchResponseFacet(f.Value, f.Label, f.Count)).ToList()));
    }
}

/// <summary>
/// A page of search results. Carries only what the reader may see: hidden records are never counted.
/// With a query, <c>ByKind</c> and <c>ByCountry</c> count all results (not only this page) per facet.
/// </summary>
public sealed record SearchResponse(
    IReadOnlyList<SearchResponseItem> Items, int Total, int Page, int PageSize,
    IReadOnlyList<SearchResponseFacet>? ByKind = null, IReadOnlyList<SearchResponseFacet>? ByCountry = null);

/// <summary>
/// One result; <c>Path</c> is the record's page. With a query, <c>Score</c> ranks it and <c>Why</c>
/// explains it (which name matched, and the name engine's features with their weights).
/// </summary>
public sealed record SearchResponseItem(string Kind, string Slug, string Name, string SubKind, string? Country, string Marking, string Status, string Path, double? Score = null, string? Why = null);

/// <summary>One facet value (a kind, or a country code with its name) and how many results carry it.</summary>
public sealed record SearchResponseFacet(string Value, string Label, int Count);
