using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Review;
using Vigil.Features.Screening;
using Vigil.Web.Pages.Work;

namespace Vigil.Web.Pages.Screening.Cases;

/// <summary>
/// One screening case: its hits with their explanations, the decision form (editors), the confirm button
/// (a reviewer who did not decide) and the JSON download. A reader who may not see the case gets 404.
/// </summary>
public sealed class CaseModel(ScreeningCasesHandler cases, IReaderAccessor readers) : PageModel
{
    public ScreeningCaseView? Case { get; private set; }

    public Reader Reader => readers.Current;

    public string? Message { get; private set; }

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Rationale { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await ShowAsync(id, ct);

    public async Task<IActionResult> OnPostDecideAsync(long id, CancellationToken ct) =>
        await AfterAsync(id, await cases.DecideAsync(id, new ScreeningDecisionInput(Decision, Rationale), ct), ct);

    public async Task<IActionResult> OnPostConfirmAsync(long id, CancellationToken ct) =>
        await AfterAsync(id, await cases.ConfirmAsync(id, ct), ct);

    /// <summary>The case as a JSON file (audited).</summary>
    public async Task<IActionResult> OnGetExportAsync(long id, CancellationToken ct)
    {
        if (!readers.Current.SeesUnpublished)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        return await cases.ExportAsync(id, ct) is { } json
            ? File(Encoding.UTF8.GetBytes(json), "application/json", ScreeningCasesHandler.FileName(id))
            : NotFound();
    }

    private async Task<IActionResult> AfterAsync(long id, ScreeningCaseResult result, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case ReviewOutcome.Done:
                return Redirect($"/screening/cases/{id}");
            case ReviewOutcome.NotFound:
                return NotFound();
            case ReviewOutcome.Forbidden when !readers.Current.SeesUnpublished:
                return WorkPages.Refuse(this, readers.Current);
            default:
                Message = result.Errors is { Count: > 0 } errors ? string.Join(" ", errors.SelectMany(e => e.Value)) : result.Detail;
                Response.StatusCode = result.Outcome == ReviewOutcome.Invalid ? StatusCodes.Status400BadRequest
                    : result.Outcome == ReviewOutcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
                return await ShowAsync(id, ct);
        }
    }

    private async Task<IActionResult> ShowAsync(long id, CancellationToken ct)
    {
        if (!readers.Current.SeesUnpublished)
        {
            return WorkPages.Refuse(this, readers.Current);
        }
        Case = await cases.GetAsync(id, ct);
        return Case is null ? NotFound() : Page();
    }
}
