using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Briefs;

namespace Vigil.Web.Pages.Briefs;

/// <summary>
/// A brief as a page, or (<c>?format=pdf</c>, <c>?format=html</c>) the same HTML printed to PDF or as a
/// standalone file. The brief is read as the current reader: what they may not see is not in it.
/// </summary>
public sealed class BriefModel(GetBriefHandler briefs, PrintBriefHandler printer) : PageModel
{
    public BriefDocument Brief { get; private set; } = null!;

    /// <summary>The brief's kind: the path segment after /briefs/ (one page per kind shares this model).</summary>
    public string Kind => Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries)[1];

    public async Task<IActionResult> OnGetAsync(string subject, string? format, CancellationToken ct)
    {
        var kind = Kind;
        if (format is not (null or "" or "html" or "pdf"))
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown format", $"format is html or pdf, not '{format}'.");
        }
        if (await briefs.HandleAsync(kind, subject, ct) is not { } brief)
        {
            return NotFound();
        }
        Brief = brief;
        switch (format)
        {
            case "html":
                return File(Encoding.UTF8.GetBytes(BriefHtml.Document(brief)), "text/html; charset=utf-8", brief.FileName + ".html");
            case "pdf":
                try
                {
                    return File(await printer.HandleAsync(brief, ct), "application/pdf", brief.FileName + ".pdf");
                }
                catch (BriefPrintException e)
                {
                    return Problem(StatusCodes.Status503ServiceUnavailable, "The PDF could not be printed", e.Message);
                }
            default:
                return Page();
        }
    }

    private ObjectResult Problem(int status, string title, string detail) =>
        new(new ProblemDetails { Status = status, Title = title, Detail = detail }) { StatusCode = status, ContentTypes = { "application/problem+json" } };
}
