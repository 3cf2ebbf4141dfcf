using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Browse;
using Vigil.Features.Review;
using Vigil.Features.Sources;
using Vigil.Model;

namespace Vigil.Web.Pages.Products;

public sealed class ShowModel(GetProductHandler handler, GetTombstoneHandler tombstones, ListWeakEvidenceHandler weak, IReaderAccessor readers) : PageModel
{
    public ProductPage Product { get; private set; } = null!;

    /// <summary>Set instead of the record when it was retracted (and the reader could see it when published).</summary>
    public TombstoneView? Tombstone { get; private set; }

    /// <summary>True when the record rests only on tertiary or link-less sources (flagged in its header).</summary>
    public bool WeakEvidence { get; private set; }

    public Reader Reader => readers.Current;

    /// <summary>What the last form said, after a redirect here ("… is saved as a draft").</summary>
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var product = await handler.HandleAsync(new GetProductRequest(slug), ct);
        if (product is null)
        {
            if (await tombstones.HandleAsync(RecordKind.Product, slug, ct) is { } gone)
            {
                Tombstone = gone;
                Response.StatusCode = StatusCodes.Status410Gone;
                return Page();
            }
            return NotFound();
        }
        Product = product;
        WeakEvidence = await weak.IsWeakAsync(RecordKind.Product, product.Slug, ct);
        // Only editors are sent here with a message (see the actor page).
        if (Reader.CanEdit)
        {
            Message = TempData["Message"] as string;
        }
        return Page();
    }
}
