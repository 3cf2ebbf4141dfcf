using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Commitments;

namespace Vigil.Web.Pages.Commitments;

/// <summary>One national report (404 where the reader may not see it: a focal point sees only their own state's).</summary>
public sealed class NationalReportModel(GetNationalReportHandler get) : PageModel
{
    public NationalReportView Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await get.HandleAsync(slug, ct) is not { } r)
        {
            return NotFound();
        }
        Report = r;
        return Page();
    }
}
