using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Briefs;
using Vigil.Features.Diligence;
using Vigil.Web.Pages.Briefs;

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
        if (!BriefDownloads.IsKnownFormat(format))
        {
            return BriefDownloads.UnknownFormat(format, $"(JSON: /api/v1/diligence/{Kind}/{subject}).");
        }
        if (await reports.HandleAsync(Kind, subject, ct) is not { } report)
        {
            return NotFound();
        }
        Report = report;
        return await BriefDownloads.DownloadAsync(report, format, printer, ct) ?? Page();
    }
}
