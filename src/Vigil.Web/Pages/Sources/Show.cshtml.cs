using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Browse;

namespace Vigil.Web.Pages.Sources;

public sealed class ShowModel(GetSourceHandler handler) : PageModel
{
    public SourcePage Source { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var source = await handler.HandleAsync(new GetSourceRequest(slug), ct);
        if (source is null)
        {
            return NotFound();
        }
        Source = source;
        return Page();
    }
}
