using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Countries;

namespace Vigil.Web.Pages.Countries;

public sealed class IndexModel(ListCountriesHandler handler) : PageModel
{
    public IReadOnlyList<CountryEntry> Countries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Countries = await handler.HandleAsync(new ListCountriesRequest(), ct);
}
