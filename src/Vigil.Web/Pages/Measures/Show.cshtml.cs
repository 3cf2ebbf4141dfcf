using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Measures;
using Vigil.Features.Sources;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Pages.Measures;

public sealed class ShowModel(GetMeasureHandler handler, ListWeakEvidenceHandler weak, SubmitForReviewHandler submit, IReaderAccessor readers) : PageModel
{
    public MeasureDetail Measure { get; private set; } = null!;

    /// <summary>True when the measure rests only on tertiary or link-less sources.</summary>
    public bool WeakEvidence { get; private set; }

    public string? Message { get; private set; }

    public Reader Reader => readers.Current;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await handler.HandleAsync(slug, ct) is not { } measure)
        {
            return NotFound();
        }
        Measure = measure;
        WeakEvidence = await weak.IsWeakAsync(RecordKind.Measure, measure.Id, ct);
        // Only editors are sent here with a message (see the actor page).
        if (Reader.CanEdit)
        {
            Message = TempData["Message"] as string;
        }
        return Page();
    }

    /// <summary>An editor submits the draft for review.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(string slug, int? version, CancellationToken ct)
    {
        return await Work.WorkPages.SubmitAsync(this, Reader, submit, RecordKind.Measure, slug, version, $"/measures/{Uri.EscapeDataString(slug)}",
            () => OnGetAsync(slug, ct), message => Message = message, ct);
    }
}
