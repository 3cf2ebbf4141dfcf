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

        group.MapGet("/{idOrSlug}/archive", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                string idOrSlug, HttpContext http, GetSourceArchiveHandler handler, CancellationToken ct) =>
            {
                if (await handler.HandleAsync(idOrSlug, withContent: true, ct) is not { } found)
                {
                    return ApiResults.NotFound("archived copy of a source", idOrSlug);
                }
                ArchiveHeaders(http.Response);
                return TypedResults.File(found.Content!, found.Info.MediaType, found.Info.FileName);
            })
            .WithName("GetSourceArchive")
            .WithSummary("Downloads a source's archived copy (PDF or HTML), for a reader who may see the source. Always an attachment, sandboxed: an archived page never runs in Vigil's origin.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{idOrSlug}/archive", async Task<Results<Created<SourceArchiveInfo>, ValidationProblem, ProblemHttpResult>> (
                string idOrSlug, HttpRequest request, AttachSourceArchiveHandler handler, CancellationToken ct) =>
            {
                // Read one byte past the limit, so that a larger body is refused by the use case, by name.
                using var body = new MemoryStream();
                var buffer = new byte[81920];
                int read;
                while ((read = await request.Body.ReadAsync(buffer, ct)) > 0 && body.Length <= SourceArchiveRules.MaxBytes)
                {
                    body.Write(buffer, 0, read);
                }
                var result = await handler.HandleAsync(idOrSlug, new SourceArchiveUpload(request.ContentType, body.ToArray()), ct);
                return result.Status switch
                {
                    WriteStatus.Created => TypedResults.Created($"/api/v1/sources/{idOrSlug}/archive", result.Value),
                    WriteStatus.Invalid => TypedResults.ValidationProblem(result.Errors!),
                    WriteStatus.Forbidden => ApiResults.Forbidden(),
                    _ => ApiResults.NotFound("source", idOrSlug),
                };
            })
            .WithName("PutSourceArchive")
            .WithSummary("Stores a source's archived copy: the request body is the PDF or HTML file itself (up to 25 MB). Kept with its SHA-256 and size, which becomes the source's contentHash, and named after the source. Replaces the copy while the source is a draft; in review or published the copy is kept, and a first copy must match a content hash already recorded.")
            // Any Content-Type is read: the file's type comes from its first bytes, so the route does not filter on it.
            .WithDescription("Request body: the raw bytes of the PDF or HTML file (Content-Type application/pdf, text/html or application/octet-stream).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    /// <summary>
    /// An archived page was written by someone else: it is downloaded, never rendered as Vigil, and if a
    /// browser opens it anyway it runs sandboxed (no script, no cookies, a unique origin). Not stored by
    /// the read cache either: the bytes are large and read rarely.
    /// </summary>
    internal static void ArchiveHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
    }
}
