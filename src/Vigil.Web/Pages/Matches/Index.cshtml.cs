using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Sanctions;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Matches;

/// <summary>
/// The match queue (editors and reviewers; anyone else gets 404): possible matches from list imports,
/// the two actors and the evidence side by side, with accept and reject for editors.
/// </summary>
public sealed class IndexModel(ListMatchesHandler list, DecideMatchHandler decide, IReaderAccessor readers) : PageModel
{
    public IReadOnlyList<MatchView> Matches { get; private set; } = [];

    public string State { get; private set; } = "open";

    public string? Message { get; private set; }

    public Reader Reader => readers.Current;

    public async Task<IActionResult> OnGetAsync(string? state, CancellationToken ct)
    {
        State = state is "accepted" or "rejected" or "all" ? state : "open";
        if (await list.HandleAsync(State, ct) is not { } matches)
        {
            return WorkPages.Refuse(this, Reader);
        }
        Matches = matches;
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(long id, CancellationToken ct) =>
        DecideAsync(() => decide.AcceptAsync(id, ct), m => $"Accepted: {m.Listed.Name} ({m.List} entry {m.EntryId}) is {m.Existing.Name}, now linked to the list entry.", ct);

    public Task<IActionResult> OnPostRejectAsync(long id, CancellationToken ct) =>
        DecideAsync(() => decide.RejectAsync(id, ct), m => $"Rejected: {m.Listed.Name} and {m.Existing.Name} are kept apart.", ct);

    private async Task<IActionResult> DecideAsync(Func<Task<MatchDecision>> step, Func<MatchView, string> done, CancellationToken ct)
    {
        if (!Reader.CanEdit && !Reader.CanReview)
        {
            return WorkPages.Refuse(this, Reader);
        }
        var decision = await step();
        Message = decision.Outcome switch
        {
            MatchOutcome.Done => done(decision.Match!),
            MatchOutcome.NotFound => "That possible match does not exist.",
            _ => "Not done: " + decision.Detail,
        };
        Response.StatusCode = decision.Outcome switch
        {
            MatchOutcome.Done => StatusCodes.Status200OK,
            MatchOutcome.NotFound => StatusCodes.Status404NotFound,
            MatchOutcome.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status409Conflict,
        };
        Matches = await list.HandleAsync("open", ct) ?? [];
        return Page();
    }
}
