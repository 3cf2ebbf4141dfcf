using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Browse;
using Vigil.Features.Review;
using Vigil.Features.Sources;
using Vigil.Model;

namespace Vigil.Web.Pages.Actors;

public sealed class ShowModel(
    GetActorHandler handler, GetTombstoneHandler tombstones, GetHistoryHandler history, SubmitForReviewHandler submit,
    ListWeakEvidenceHandler weak, IReaderAccessor readers) : PageModel
{
    public ActorPage Actor { get; private set; } = null!;

    /// <summary>Set instead of the record when it was retracted (and the reader could see it when published).</summary>
    public TombstoneView? Tombstone { get; private set; }

    /// <summary>For editors: the latest review step with a comment (why a draft was sent back).</summary>
    public ReviewNoteView? LastNote { get; private set; }

    /// <summary>True when the record rests only on tertiary or link-less sources (flagged in its header).</summary>
    public bool WeakEvidence { get; private set; }

    public string? Message { get; private set; }

    public Reader Reader => readers.Current;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var actor = await handler.HandleAsync(new GetActorRequest(slug), ct);
        if (actor is null)
        {
            if (await tombstones.HandleAsync(RecordKind.Actor, slug, ct) is { } gone)
            {
                Tombstone = gone;
                Response.StatusCode = StatusCodes.Status410Gone;
                return Page();
            }
            return NotFound();
        }
        Actor = actor;
        WeakEvidence = await weak.IsWeakAsync(RecordKind.Actor, actor.Slug, ct);
        // Only editors are sent here with a message; the public never touches TempData, whose cookie
        // would keep the page out of the shared read cache.
        if (Reader.CanEdit)
        {
            Message ??= TempData["Message"] as string;
        }
        if (Reader.SeesUnpublished && actor.Status == ReviewStatus.Draft)
        {
            LastNote = (await history.HandleAsync(RecordKind.Actor, slug, ct))?.Notes.FirstOrDefault(n => n.Action == "send-back");
        }
        return Page();
    }

    /// <summary>An editor submits the draft for review.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(string slug, int? version, CancellationToken ct)
    {
        return await Work.WorkPages.SubmitAsync(this, Reader, submit, RecordKind.Actor, slug, version, $"/actors/{Uri.EscapeDataString(slug)}",
            () => OnGetAsync(slug, ct), message => Message = message, ct);
    }
}
