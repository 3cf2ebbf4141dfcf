using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Commitments;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Pages.Commitments;

/// <summary>A framework edition: where its wording comes from, its commitments by pillar, its endorsers.</summary>
public sealed class FrameworkModel(GetFrameworkHandler handler, SubmitForReviewHandler submit, IReaderAccessor readers) : PageModel
{
    public FrameworkDetail Framework { get; private set; } = null!;

    public Reader Reader => readers.Current;

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await handler.HandleAsync(slug, ct) is not { } f)
        {
            return NotFound();
        }
        Framework = f;
        return Page();
    }

    /// <summary>An editor submits a draft edition for review.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(string slug, CancellationToken ct)
    {
        return await Work.WorkPages.SubmitAsync(this, Reader, submit, RecordKind.Framework, slug, null, $"/commitments/frameworks/{Uri.EscapeDataString(slug)}",
            () => OnGetAsync(slug, ct), message => Message = message, ct);
    }
}
