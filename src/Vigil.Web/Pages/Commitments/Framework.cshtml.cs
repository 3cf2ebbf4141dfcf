using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Commitments;

namespace Vigil.Web.Pages.Commitments;

/// <summary>A framework edition: where its wording comes from, its commitments by pillar, its endorsers.</summary>
public sealed class FrameworkModel(GetFrameworkHandler handler) : PageModel
{
    public FrameworkDetail Framework { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await handler.HandleAsync(slug, ct) is not { } f)
        {
            return NotFound();
        }
        Framework = f;
        return Page();
    }
}
