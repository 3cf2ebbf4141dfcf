using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Network;

namespace Vigil.Web.Pages.Actors;

public sealed class NetworkModel(GetNeighbourhoodHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Hops { get; set; } = 1;

    public Neighbourhood Network { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        Hops = Math.Clamp(Hops, 1, 2);
        var network = await handler.HandleAsync(new GetNeighbourhoodRequest(slug, Hops), ct);
        if (network is null)
        {
            return NotFound();
        }
        Network = network;
        return Page();
    }

    public string NameOf(string id) => Network.Nodes.FirstOrDefault(n => n.Id == id)?.Name ?? id;
}
