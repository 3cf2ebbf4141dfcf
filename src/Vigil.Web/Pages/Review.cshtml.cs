using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Pages;

/// <summary>
/// The review queue (reviewers and editors; anyone else gets 404): records in review and changes
/// proposed to published records as diffs, with publish, send back and retract forms.
/// </summary>
public sealed class ReviewModel(
    ListReviewsHandler list, PublishHandler publish, SendBackHandler sendBack, RetractHandler retract, IReaderAccessor readers) : PageModel
{
    public ReviewQueue Queue { get; private set; } = null!;

    public string? Message { get; private set; }

    public Reader Reader => readers.Current;

    public string Link(string type, string slug) => type switch
    {
        "actor" or "product" or "source" or "incident" or "measure" => $"/{type}s/{slug}",
        "framework" => $"/commitments/frameworks/{slug}",
        _ => $"/api/v1/{type}s/{slug}",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await list.HandleAsync(ct) is not { } queue)
        {
            return NotFound();
        }
        Queue = queue;
        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(string? type, string? slug, int? version, long? change, string? comment, CancellationToken ct) =>
        StepAsync(type, slug, (kind, s) => publish.HandleAsync(kind, s, new ReviewInput(version, change, comment), ct),
            change is null ? "Published." : $"Change {change} published.", ct);

    public Task<IActionResult> OnPostSendBackAsync(string? type, string? slug, int? version, long? change, string? comment, CancellationToken ct) =>
        StepAsync(type, slug, (kind, s) => sendBack.HandleAsync(kind, s, new ReviewInput(version, change, comment), ct),
            "Sent back to the editor with your comment.", ct);

    public Task<IActionResult> OnPostRetractAsync(string? type, string? slug, int? version, string? reason, CancellationToken ct) =>
        StepAsync(type, slug, (kind, s) => retract.HandleAsync(kind, s, new ReviewInput(version, Reason: reason), ct),
            "Retracted: a tombstone with your reason now stands in its place.", ct);

    private async Task<IActionResult> StepAsync(string? type, string? slug, Func<RecordKind, string, Task<ReviewResult>> step, string done, CancellationToken ct)
    {
        if (!Reader.CanReview && !Reader.CanEdit)
        {
            return NotFound();
        }
        if (ReviewRules.KindOf(type + "s") is not { } kind || string.IsNullOrWhiteSpace(slug))
        {
            return BadRequest();
        }
        var result = await step(kind, slug);
        Message = result.Outcome switch
        {
            ReviewOutcome.Done => $"{result.Record!.Label}: {done}",
            ReviewOutcome.NotFound => $"There is no {type} '{slug}'.",
            ReviewOutcome.Invalid => "Not done: " + (result.Detail ?? string.Join(" ", result.Errors?.SelectMany(e => e.Value) ?? [])),
            _ => "Not done: " + result.Detail,
        };
        Response.StatusCode = result.Outcome switch
        {
            ReviewOutcome.Done => StatusCodes.Status200OK,
            ReviewOutcome.Forbidden => StatusCodes.Status403Forbidden,
            ReviewOutcome.NotFound => StatusCodes.Status404NotFound,
            ReviewOutcome.Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        };
        Queue = (await list.HandleAsync(ct))!;
        return Page();
    }
}
