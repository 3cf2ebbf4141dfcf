using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Measures;

namespace Vigil.Web.Pages.Measures;

public sealed class ShowModel(GetMeasureHandler handler) : PageModel
{
    public MeasureDetail Measure { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await handler.HandleAsync(slug, ct) is not { } measure)
        {
            return NotFound();
        }
        Measure = measure;
        return Page();
    }
}
