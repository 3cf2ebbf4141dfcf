using System.Text;
using Microsoft.AspNetCore.Mvc;
using Vigil.Features.Briefs;

namespace Vigil.Web.Pages.Briefs;

/// <summary>
/// How a document of the briefs' model (a brief, a due-diligence report) answers <c>?format=</c>: the page
/// itself, a standalone HTML file, or the same HTML printed to PDF; one rule for every such page.
/// </summary>
public static class BriefDownloads
{
    public static bool IsKnownFormat(string? format) => format is null or "" or "html" or "pdf";

    /// <summary>The 400 for a format other than html or pdf; <paramref name="hint"/> may say where the JSON is.</summary>
    public static ObjectResult UnknownFormat(string? format, string? hint = null) =>
        Problem(StatusCodes.Status400BadRequest, "Unknown format", $"format is html or pdf, not '{format}'." + (hint is null ? "" : " " + hint));

    /// <summary>The download <paramref name="format"/> asks for, or null when the page itself is wanted.</summary>
    public static async Task<IActionResult?> DownloadAsync(BriefDocument document, string? format, PrintBriefHandler printer, CancellationToken ct)
    {
        switch (format)
        {
            case "html":
                return new FileContentResult(Encoding.UTF8.GetBytes(BriefHtml.Document(document)), "text/html; charset=utf-8") { FileDownloadName = document.FileName + ".html" };
            case "pdf":
                try
                {
                    return new FileContentResult(await printer.HandleAsync(document, ct), "application/pdf") { FileDownloadName = document.FileName + ".pdf" };
                }
                catch (BriefPrintException e)
                {
                    return Problem(StatusCodes.Status503ServiceUnavailable, "The PDF could not be printed", e.Message);
                }
            default:
                return null;
        }
    }

    private static ObjectResult Problem(int status, string title, string detail) =>
        new(new ProblemDetails { Status = status, Title = title, Detail = detail }) { StatusCode = status, ContentTypes = { "application/problem+json" } };
}
