using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Review;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.ChangeSets;

/// <summary>
/// "Submit for review": the editor's own drafts of every kind, with checkboxes, submitted as one change
/// set (editors only; anyone else gets 404, like the review queue).
/// </summary>
public sealed class SubmitModel(ListOwnDraftsHandler drafts, SubmitChangeSetHandler submit, IReaderAccessor readers) : PageModel
{
    public IReadOnlyList<DraftView> Drafts { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Title { get; private set; }

    public IReadOnlyCollection<string> Chosen { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        Drafts = await drafts.HandleAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? title, string[]? records, string? comment, CancellationToken ct)
    {
        if (!readers.Current.CanEdit)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        var result = await submit.HandleAsync(new ChangeSetInput(title, records, comment), ct);
        if (result.Outcome == ReviewOutcome.Done)
        {
            return Redirect($"/review#set-{result.Set!.Id}");
        }
        Errors = result.Errors?.SelectMany(e => e.Value).ToList() ?? [result.Detail ?? "Nothing was submitted."];
        Title = title;
        Chosen = records ?? [];
        Response.StatusCode = result.Outcome == ReviewOutcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        Drafts = await drafts.HandleAsync(ct);
        return Page();
    }
}
