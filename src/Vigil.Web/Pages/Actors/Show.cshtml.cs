using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Browse;

namespace Vigil.Web.Pages.Actors;

public sealed class ShowModel(GetActorHandler handler) : PageModel
{
    public ActorPage Actor { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var actor = await handler.HandleAsync(new GetActorRequest(slug), ct);
        if (actor is null)
        {
            return NotFound();
        }
        Actor = actor;
        return Page();
    }
}
