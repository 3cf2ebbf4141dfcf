using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Review;
using Vigil.Features.Sources;
using Vigil.Model;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages;

/// <summary>
/// The review queue (reviewers and editors; anyone else signed in gets 404, and someone not signed in,
/// e.g. after their session ended, is asked to sign in): records in review and changes proposed to
/// published records as diffs, with publish, send back and retract forms.
/// </summary>
public sealed class ReviewModel(
    ListReviewsHandler list, PublishHandler publish, SendBackHandler sendBack, RetractHandler retract, IReaderAccessor readers,
    ListWeakEvidenceHandler weakEvidence,
    ListChangeSetsHandler listSets, PublishChangeSetsHandler publishSets, SendBackChangeSetHandler sendBackSet) : PageModel
{
    public ReviewQueue Queue { get; private set; } = null!;

    /// <summary>Published records resting only on tertiary or link-less sources.</summary>
    public IReadOnlyList<WeakEvidenceRecord> Weak { get; private set; } = [];

    /// <summary>Change sets in review; their records show with the set, not on their own.</summary>
    public IReadOnlyList<ChangeSetView> Sets { get; private set; } = [];

    /// <summary>Records in review that are not part of a change set.</summary>
    public IEnumerable<InReviewView> Single => Queue.InReview.Where(r => !Sets.Any(s => s.Items.Any(i => i.Type == r.Type && i.Slug == r.Slug)));

    public string? Message { get; private set; }

    public Reader Reader => readers.Current;

    public string Link(string type, string slug) => Readable.Link(type, slug);

    /// <summary>Who would see a record at this marking once published, in words.</summary>
    public static string Audience(string marking) => Markings.TryParse(marking, out var m) ? Readable.Audience(m) : marking;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await list.HandleAsync(ct) is not { } queue)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        Queue = queue;
        Weak = await weakEvidence.HandleAsync(ct);
        Sets = await listSets.HandleAsync(ct: ct) ?? [];
        return Page();
    }

    public async Task<IActionResult> OnPostPublishSetsAsync(long[]? sets, string? comment, CancellationToken ct)
    {
        if (!Reader.CanReview && !Reader.CanEdit)
        {
            return NotFound();
        }
        var result = await publishSets.HandleAsync(new PublishChangeSetsInput(sets ?? [], comment), ct);
        var done = result.Sets.Where(s => s.Outcome == ReviewOutcome.Done).Select(s => $"\"{s.Set!.Title}\"").ToList();
        var refused = result.Sets.Where(s => s.Outcome != ReviewOutcome.Done)
            .Select(s => s.Outcome switch
            {
                ReviewOutcome.NotFound => "A change set you chose no longer exists.",
                ReviewOutcome.Invalid => string.Join(" ", s.Errors?.SelectMany(e => e.Value) ?? []),
                _ => s.Detail,
            }).ToList();
        Message = (done.Count > 0 ? $"Published change set{(done.Count > 1 ? "s" : "")} {string.Join(", ", done)}. " : "")
            + (refused.Count > 0 ? "Not done: " + string.Join(" ", refused) : "");
        Response.StatusCode = result.AllDone ? StatusCodes.Status200OK
            : result.Sets.Any(s => s.Outcome == ReviewOutcome.Forbidden) ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
        return await ReloadAsync(ct);
    }

    public async Task<IActionResult> OnPostSendBackSetAsync(long set, string? comment, CancellationToken ct)
    {
        if (!Reader.CanReview && !Reader.CanEdit)
        {
            return NotFound();
        }
        var result = await sendBackSet.HandleAsync(set, new ReviewInput(Comment: comment), ct);
        Message = result.Outcome switch
        {
            ReviewOutcome.Done => $"Change set \"{result.Set!.Title}\": sent back to the editor with your comment.",
            ReviewOutcome.NotFound => "That change set does not exist.",
            ReviewOutcome.Invalid => "Not done: " + string.Join(" ", result.Errors?.SelectMany(e => e.Value) ?? []),
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
        return await ReloadAsync(ct);
    }

    private async Task<IActionResult> ReloadAsync(CancellationToken ct)
    {
        Queue = (await list.HandleAsync(ct))!;
        Sets = await listSets.HandleAsync(ct: ct) ?? [];
        Weak = await weakEvidence.HandleAsync(ct);
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
            return WorkPages.Refuse(this, readers.Current);
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
        return await ReloadAsync(ct);
    }
}
