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
        if (!BriefDownloads.IsKnownFormat(format))
        {
            return BriefDownloads.UnknownFormat(format);
        }
        if (await briefs.HandleAsync(Kind, subject, ct) is not { } brief)
        {
            return NotFound();
        }
        Brief = brief;
        return await BriefDownloads.DownloadAsync(brief, format, printer, ct) ?? Page();
    }
}
