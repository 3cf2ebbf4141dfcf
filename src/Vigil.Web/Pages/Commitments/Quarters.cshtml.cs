using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Commitments;
using Vigil.Features.Common;

namespace Vigil.Web.Pages.Commitments;

/// <summary>The quarterly cycle: the quarters, opening and closing one (editors), comparing two (everyone).</summary>
public sealed class QuartersModel(
    ListQuartersHandler list, OpenQuarterHandler open, CloseQuarterHandler close, CompareQuartersHandler compare, IReaderAccessor readers) : PageModel
{
    public IReadOnlyList<QuarterView> Quarters { get; private set; } = [];

    public QuarterComparison? Comparison { get; private set; }

    public string? Message { get; private set; }

    public Reader Reader => readers.Current;

    [BindProperty(SupportsGet = true)]
    public string? A { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? B { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Quarters = await list.HandleAsync(ct);
        if (!string.IsNullOrWhiteSpace(A) && !string.IsNullOrWhiteSpace(B))
        {
            Comparison = await compare.HandleAsync(A, B, ct);
            Message = Comparison is null ? "Write both quarters as 2026Q1." : null;
        }
    }

    public async Task<IActionResult> OnPostOpenAsync(string? code, CancellationToken ct)
    {
        if (!Reader.CanEdit)
        {
            return NotFound();
        }
        var result = await open.HandleAsync(code ?? "", ct);
        Message = result.Status == WriteStatus.Created
            ? $"Opened {result.Value!.Quarter.Code}: {result.Value.Created} draft assessments, {result.Value.CarriedForward} carried forward."
            : string.Join(" ", result.Errors?.SelectMany(e => e.Value) ?? []);
        Quarters = await list.HandleAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(string? code, CancellationToken ct)
    {
        if (!Reader.CanEdit)
        {
            return NotFound();
        }
        var result = await close.HandleAsync(code ?? "", ct);
        Message = result.Status == WriteStatus.Updated ? $"Closed {result.Value!.Code}." : string.Join(" ", result.Errors?.SelectMany(e => e.Value) ?? ["No such quarter."]);
        Quarters = await list.HandleAsync(ct);
        return Page();
    }
}
