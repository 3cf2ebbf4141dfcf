using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Commitments;

namespace Vigil.Web.Pages.Scorecards;

/// <summary>One state's or company's scorecards: each commitment's rating beside its own claim, and its contradictions.</summary>
public sealed class ShowModel(ActorScorecardHandler handler) : PageModel
{
    public ActorScorecard Card { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string actor, string? quarter, CancellationToken ct)
    {
        if (await handler.HandleAsync(actor, string.IsNullOrWhiteSpace(quarter) ? null : quarter, ct) is not { } card)
        {
            return NotFound();
        }
        Card = card;
        return Page();
    }
}
