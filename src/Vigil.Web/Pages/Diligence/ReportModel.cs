using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Briefs;
using Vigil.Features.Diligence;

namespace Vigil.Web.Pages.Diligence;

/// <summary>
/// A due-diligence report as a page, or (<c>?format=pdf</c>, <c>?format=html</c>) the same HTML printed to
/// PDF by the briefs' printer or as a standalone file. Read as the current reader: what they may not see is
/// not in it, not even in its counts.
/// </summary>
public sealed class ReportModel(GetDiligenceHandler reports, PrintBriefHandler printer) : PageModel
{
    public BriefDocument Report { get; private set; } = null!;

    /// <summary>customer or vendor: the path segment after /diligence/ (both pages share this model).</summary>
    public string Kind => Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries)[1];

    public async Task<IActionResult> OnGetAsync(string subject, string? format, CancellationToken ct)
    {
        if (format is not (null or "" or "html" or "pdf"))
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown format", $"format is html or pdf, not '{format}' (JSON: /api/v1/diligence/{Kind}/{subject}).");
        }
        if (await reports.HandleAsync(Kind, subject, ct) is not { } report)
        {
            return NotFound();
        }
        Report = report;
        switch (format)
        {
            case "html":
                return File(Encoding.UTF8.GetBytes(BriefHtml.Document(report)), "text/html; charset=utf-8", report.FileName + ".html");
            case "pdf":
                try
                {
                    return File(await printer.HandleAsync(report, ct), "application/pdf", report.FileName + ".pdf");
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
