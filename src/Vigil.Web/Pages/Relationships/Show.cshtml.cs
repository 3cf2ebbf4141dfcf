using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Relationships;
using Vigil.Features.Review;
using Vigil.Features.Sources;
using Vigil.Model;

namespace Vigil.Web.Pages.Relationships;

/// <summary>
/// One relationship: its two ends, the tie, its dates and confidence, and the evidence it rests on; for
/// editors, "Cite a source" and "Submit for review". Hidden and missing edges answer alike (404).
/// </summary>
public sealed class ShowModel(GetRelationshipHandler get, GetTombstoneHandler tombstones, SubmitForReviewHandler submit, ListWeakEvidenceHandler weak, IReaderAccessor readers) : PageModel
{
    public RelationshipDetail Edge { get; private set; } = null!;

    public TombstoneView? Tombstone { get; private set; }

    /// <summary>True when the record rests only on tertiary or link-less sources (flagged in its header).</summary>
    public bool WeakEvidence { get; private set; }

    public string? Message { get; private set; }

    public Reader Reader => readers.Current;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await get.HandleAsync(slug, ct) is not { } edge)
        {
            if (await tombstones.HandleAsync(RecordKind.Relationship, slug, ct) is { } gone)
            {
                Tombstone = gone;
                Response.StatusCode = StatusCodes.Status410Gone;
                return Page();
            }
            return NotFound();
        }
        Edge = edge;
        WeakEvidence = await weak.IsWeakAsync(RecordKind.Relationship, edge.Id, ct);
        return Page();
    }

    /// <summary>An editor submits the draft edge for review.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(string slug, int? version, CancellationToken ct)
    {
        return await Vigil.Web.Pages.Work.WorkPages.SubmitAsync(this, Reader, submit, RecordKind.Relationship, slug, version, $"/relationships/{Uri.EscapeDataString(slug)}",
            () => OnGetAsync(slug, ct), message => Message = message, ct);
    }
}
