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
        var result = await submit.HandleAsync(RecordKind.Framework, slug, new ReviewInput(), ct);
        switch (result.Outcome)
        {
            case ReviewOutcome.NotFound:
                return NotFound();
            case ReviewOutcome.Forbidden:
                return Forbid();
            case ReviewOutcome.Done:
                return Redirect($"/commitments/frameworks/{Uri.EscapeDataString(slug)}");
        }
        var page = await OnGetAsync(slug, ct);
        Message = result.Detail;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return page;
    }
}
