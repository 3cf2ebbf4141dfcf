using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Citations;
using Vigil.Features.Commitments;
using Vigil.Features.Common;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Pages.Commitments;

/// <summary>
/// An assessment: its rating, judgements, rationale and citations, the contradicting evidence words vs.
/// actions proposes, and its editions. Editors rate a draft of an open quarter, cite sources, submit it
/// for review, or start a correction of a published one (which is never changed).
/// </summary>
public sealed class AssessmentModel(
    GetAssessmentHandler get, UpdateAssessmentHandler update, CorrectAssessmentHandler correct, CreateCitationHandler cite,
    SubmitForReviewHandler submit, IReaderAccessor readers) : PageModel
{
    public AssessmentDetail Detail { get; private set; } = null!;

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public string? Message { get; private set; }

    public Reader Reader => readers.Current;

    public bool Editable => Reader.CanEdit && Detail.QuarterOpen && Detail.Row.Status is ReviewStatus.Draft;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRateAsync(string slug, string? rating, string? verifiable, string? contradicting, string? rationale, int? version, CancellationToken ct)
    {
        if (!Reader.CanEdit)
        {
            return NotFound();
        }
        var result = await update.HandleAsync(slug, new AssessmentInput(rating, Flag(verifiable), Flag(contradicting), rationale ?? "", version), ct);
        return await AfterAsync(slug, result.Status, result.Errors, "Saved.", ct);
    }

    public async Task<IActionResult> OnPostCiteAsync(string slug, string? source, string? locator, string? quote, int? credibility, CancellationToken ct)
    {
        if (!Reader.CanEdit)
        {
            return NotFound();
        }
        var result = await cite.HandleAsync(new CitationInput(source?.Trim(), "assessment:" + slug, null, locator, quote, credibility ?? 3, Status: "in-review"), ct);
        return await AfterAsync(slug, result.Status, result.Errors, "Citation added (in review with the assessment).", ct);
    }

    public async Task<IActionResult> OnPostSubmitAsync(string slug, int? version, CancellationToken ct)
    {
        if (!Reader.CanEdit)
        {
            return NotFound();
        }
        var result = await submit.HandleAsync(RecordKind.Assessment, slug, new ReviewInput(version), ct);
        Message = result.Outcome == ReviewOutcome.Done ? "Submitted for review: a reviewer other than you publishes it." : result.Detail;
        if (result.Errors is { Count: > 0 } errors)
        {
            Errors = errors;
        }
        return await LoadAsync(slug, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCorrectAsync(string slug, CancellationToken ct)
    {
        if (!Reader.CanEdit)
        {
            return NotFound();
        }
        var result = await correct.HandleAsync(slug, ct);
        if (result.Status == WriteStatus.Created)
        {
            return Redirect($"/commitments/assessments/{result.Value!.Row.Slug}");
        }
        return await AfterAsync(slug, result.Status, result.Errors, "", ct);
    }

    private async Task<IActionResult> AfterAsync(string slug, WriteStatus status, IReadOnlyDictionary<string, string[]>? errors, string done, CancellationToken ct)
    {
        if (status is WriteStatus.NotFound || !await LoadAsync(slug, ct))
        {
            return NotFound();
        }
        if (status is WriteStatus.Invalid or WriteStatus.Conflict)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            Message = done;
        }
        return Page();
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        if (await get.HandleAsync(slug, ct) is not { } d)
        {
            return false;
        }
        Detail = d;
        return true;
    }

    private static bool? Flag(string? value) => value switch { "yes" => true, "no" => false, _ => null };
}
