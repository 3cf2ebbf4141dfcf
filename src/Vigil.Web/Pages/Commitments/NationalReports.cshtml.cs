using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Commitments;
using Vigil.Features.Common;

namespace Vigil.Web.Pages.Commitments;

/// <summary>
/// National implementation trackers. A focal point gets their state's worksheet and files its report per
/// commitment (and sees no other state's); everyone else reads the published reports by country and quarter.
/// </summary>
public sealed class NationalReportsModel(
    NationalReportWorksheetHandler worksheet, ListNationalReportsHandler list, FileNationalReportHandler file, GetRatingScaleHandler scale,
    IReaderAccessor readers, TimeProvider clock) : PageModel
{
    public (string Country, string StateName, string Quarter, IReadOnlyList<ReportableCommitment> Items)? Worksheet { get; private set; }

    public IReadOnlyList<NationalReportView> Reports { get; private set; } = [];

    public RatingScale Scale { get; private set; } = null!;

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public string? Message { get; private set; }

    public Reader Reader => readers.Current;

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Quarter { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string? country, string? quarter, string? commitment, NationalReportInput input, CancellationToken ct)
    {
        if (Reader.FocalPointCountry is null)
        {
            return NotFound();
        }
        var result = await file.HandleAsync(country ?? "", quarter ?? "", commitment ?? "", input, ct);
        if (result.Status == WriteStatus.Forbidden)
        {
            return Forbid();
        }
        if (result.Status == WriteStatus.NotFound)
        {
            return NotFound();
        }
        if (result.Status == WriteStatus.Invalid)
        {
            Errors = result.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            Message = $"Report on {result.Value!.Code} saved ({result.Value.Status}).";
        }
        Quarter = quarter;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Scale = await scale.HandleAsync(ct);
        Worksheet = await worksheet.HandleAsync(Quarter, clock, ct);
        if (Worksheet is null)
        {
            Reports = await list.HandleAsync(string.IsNullOrWhiteSpace(Country) ? null : Country, Quarter, ct);
        }
    }
}
