using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Access;
using Vigil.Features.Common;
using Vigil.Features.Export;
using Vigil.Features.Import;
using Vigil.Features.Indicators;

namespace Vigil.Web.Api;

/// <summary>
/// /api/v1/stix: STIX 2.1 bundles of what the reader may see (the whole graph, a kind, a search, one
/// record); /api/v1/indicators: the indicators imported from labs' bundles, and the import itself.
/// </summary>
public static class StixApi
{
    /// <summary>The media type of a STIX 2.1 bundle (STIX 2.1, section 1.6; TAXII 2.1).</summary>
    public const string MediaType = "application/stix+json;version=2.1";

    /// <summary>The largest bundle the API accepts (Amnesty's Pegasus bundle is 1.1 MB).</summary>
    public const long MaxBundleBytes = 20 * 1024 * 1024;

    public static RouteGroupBuilder MapStixApi(this RouteGroupBuilder v1)
    {
        var stix = v1.MapGroup("/stix").WithTags("STIX");
        stix.MapGet("/bundle", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                string? kind, string? q, ExportStixHandler handler, CancellationToken ct) =>
            {
                var scope = new StixScope(string.IsNullOrWhiteSpace(kind) ? null : kind.Trim(), string.IsNullOrWhiteSpace(q) ? null : q.Trim());
                return await handler.HandleAsync(scope, ct) is { } export
                    ? TypedResults.File(export.ToUtf8(), MediaType, "vigil.stix.json")
                    : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                        detail: $"There is no kind '{kind}': {string.Join(", ", StixScope.Kinds)}.");
            })
            .WithName("GetStixBundle")
            .WithSummary("A STIX 2.1 bundle of the records you may see: the whole graph, one kind (actors, products, relationships, incidents, measures, indicators) with their edges, or the records whose name holds q. Incidents name their targets by pseudonym only. A bundle holding AMBER or RED records is audited.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        stix.MapGet("/{kind}/{slug}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                string kind, string slug, ExportStixHandler handler, CancellationToken ct) =>
                await handler.HandleAsync(new StixScope(kind, Slug: slug), ct) is { } export
                    ? TypedResults.File(export.ToUtf8(), MediaType, $"{slug}.stix.json")
                    : ApiResults.NotFound(kind.TrimEnd('s'), slug))
            .WithName("GetStixRecord")
            .WithSummary("One record (kind: actors, products, relationships, incidents, measures, indicators) as a STIX 2.1 bundle, with its edges and what they name.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var indicators = v1.MapGroup("/indicators").WithTags("Indicators");
        indicators.MapGet("/", async Task<Results<Ok<PagedList<IndicatorView>>, ValidationProblem>> (
                string? value, string? product, int? limit, FindIndicatorsHandler handler, CancellationToken ct) =>
                ApiResults.List(await handler.HandleAsync(new FindIndicatorsQuery(value, product, limit), ct)))
            .WithName("FindIndicators")
            .WithSummary("Which product is this domain or hash? The indicators whose value is the given domain, URL, IP address, e-mail address, hash, process or file name (case-insensitive), or those of a product.");

        indicators.MapPost("/import", async Task<Results<Ok<StixImportSummary>, ValidationProblem, ProblemHttpResult>> (
                HttpRequest request, string? name, IReaderAccessor readers, ImportStixHandler handler, CancellationToken ct) =>
            {
                if (!readers.Current.CanEdit)
                {
                    return ApiResults.Forbidden();
                }
                if (request.ContentLength is > MaxBundleBytes)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"A bundle of at most {MaxBundleBytes / 1024 / 1024} MB.");
                }
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, ct);
                var file = string.IsNullOrWhiteSpace(name) ? "bundle.json" : Path.GetFileName(name.Trim());
                try
                {
                    return TypedResults.Ok(await handler.HandleAsync(buffer.ToArray(), file, ct));
                }
                catch (ImportRejectedException e)
                {
                    return TypedResults.ValidationProblem(
                        e.Errors.Take(100).GroupBy(x => x.Record ?? "bundle").ToDictionary(g => g.Key, g => g.Select(x => x.ToString()).ToArray()),
                        title: "The bundle was refused; nothing was written.");
                }
            })
            .WithName("ImportStixBundle")
            .WithSummary("Imports the indicators of a STIX 2.1 bundle (the request body; name = its file name) as drafts for review, citing one source for the bundle, linked to the products their malware names. An invalid bundle, or a STIX 1.x XML document, is refused whole with each object's id and reason. The same bundle twice changes nothing. Editors only.")
            .Accepts<object>("application/stix+json", "application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return stix;
    }
}
