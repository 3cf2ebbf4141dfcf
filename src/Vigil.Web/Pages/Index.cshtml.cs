using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Home;

namespace Vigil.Web.Pages;

public sealed class IndexModel(GetHomeHandler handler) : PageModel
{
    public HomePage Home { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Home = await handler.HandleAsync(new GetHomeRequest(), ct);
}
