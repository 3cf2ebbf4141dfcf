using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Countries;

namespace Vigil.Web.Pages.Countries;

public sealed class ShowModel(GetCountryHandler handler) : PageModel
{
    public CountryPage Country { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var country = await handler.HandleAsync(new GetCountryRequest(code), ct);
        if (country is null)
        {
            return NotFound();
        }
        Country = country;
        return Page();
    }
}
