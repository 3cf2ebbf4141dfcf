using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Commitments;

namespace Vigil.Web.Pages.Scorecards;

/// <summary>One state's or company's scorecards: each commitment's rating beside its own claim, and its contradictions.</summary>
public sealed class ShowModel(ActorScorecardHandler handler, ListFrameworksHandler frameworks, Features.Replies.ActorRepliesHandler replies) : PageModel
{
    public ActorScorecard Card { get; private set; } = null!;

    /// <summary>Framework names by series: a heading is the framework's name, never its slug.</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    /// <summary>The actor's right-of-reply record: how often it answered when asked for comment.</summary>
    public Features.Replies.ReplyRecord? Replies { get; private set; }

    public async Task<IActionResult> OnGetAsync(string actor, string? quarter, CancellationToken ct)
    {
        if (await handler.HandleAsync(actor, string.IsNullOrWhiteSpace(quarter) ? null : quarter, ct) is not { } card)
        {
            return NotFound();
        }
        Card = card;
        Replies = await replies.HandleAsync(card.ActorSlug, ct);
        Names = (await frameworks.HandleAsync(ct)).OrderByDescending(f => f.Edition).DistinctBy(f => f.Series).ToDictionary(f => f.Series, f => f.Name);
        return Page();
    }
}
