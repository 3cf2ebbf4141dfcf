using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Common;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Pages.History;

/// <summary>
/// A record's history page: its revisions as diffs, review notes and proposed changes, and for editors a
/// revert form. Hidden records answer 404 exactly like their own page.
/// </summary>
public abstract class HistoryPage(GetHistoryHandler history, RevertHandler revert, IReaderAccessor readers) : PageModel
{
    protected abstract RecordKind Kind { get; }

    public HistoryView History { get; private set; } = null!;

    public Reader Reader => readers.Current;

    public string RecordUrl => $"/{ReviewRules.Segment(Kind)}/{History.Slug}";

    public string? Message { get; private set; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var view = await history.HandleAsync(Kind, slug, ct);
        if (view is null)
        {
            return NotFound();
        }
        History = view;
        return Page();
    }

    public async Task<IActionResult> OnPostRevertAsync(string slug, int? toVersion, int? version, string? reason, CancellationToken ct)
    {
        var result = await revert.HandleAsync(Kind, slug, new RevertInput(toVersion, version, reason), ct);
        switch (result.Status)
        {
            case WriteStatus.NotFound:
                return NotFound();
            case WriteStatus.Forbidden:
                return Forbid();
            case WriteStatus.Updated:
                Message = $"Reverted to version {toVersion}: a new revision was written.";
                break;
            case WriteStatus.Pending:
                Message = $"The record is published, so the revert to version {toVersion} waits for a reviewer in the review queue.";
                break;
            case WriteStatus.Conflict:
                Message = "The record was changed since you read it: nothing was reverted. Look at the latest revision and try again.";
                break;
            default:
                Errors = result.Errors;
                Message = "Nothing was reverted: " + string.Join(" ", result.Errors?.SelectMany(e => e.Value) ?? []);
                break;
        }
        History = (await history.HandleAsync(Kind, slug, ct))!;
        if (result.Status is WriteStatus.Invalid or WriteStatus.Conflict)
        {
            Response.StatusCode = result.Status == WriteStatus.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
