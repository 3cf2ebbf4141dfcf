using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Measures;
using Vigil.Features.Sources;
using Vigil.Model;

namespace Vigil.Web.Pages.Measures;

public sealed class ShowModel(GetMeasureHandler handler, ListWeakEvidenceHandler weak) : PageModel
{
    public MeasureDetail Measure { get; private set; } = null!;

    /// <summary>True when the measure rests only on tertiary or link-less sources.</summary>
    public bool WeakEvidence { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await handler.HandleAsync(slug, ct) is not { } measure)
        {
            return NotFound();
        }
        Measure = measure;
        WeakEvidence = await weak.IsWeakAsync(RecordKind.Measure, measure.Id, ct);
        return Page();
    }
}
