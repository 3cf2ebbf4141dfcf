using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Review;
using Vigil.Features.Screening;

namespace Vigil.Web.Pages.Screening;

/// <summary>
/// Screen one name, or a CSV of names (uploaded or pasted), against Vigil: a table of candidates with
/// their scores and explanations, and the same as a CSV download. The page only dispatches to
/// <see cref="ScreenNamesHandler"/>, which answers from what the reader may see.
/// </summary>
public sealed class IndexModel(ScreenNamesHandler handler, ScreeningCasesHandler cases, ScreeningDatasetsHandler datasets, IReaderAccessor readers) : PageModel
{
    /// <summary>The reader: editors may save a screening as a case; those who see unpublished work see the cases.</summary>
    public Reader Reader => readers.Current;

    /// <summary>The marking of a case saved from here (default AMBER).</summary>
    [BindProperty]
    public string? Marking { get; set; }

    public const long MaxUpload = 2 * 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    [BindProperty]
    public string? Schema { get; set; }

    [BindProperty]
    public string? Country { get; set; }

    /// <summary>One dataset to screen against (one of <see cref="KnownDatasets"/>), or all when empty.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Dataset { get; set; }

    [BindProperty]
    public string? Csv { get; set; }

    [BindProperty]
    public string? Column { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The datasets the "Against" choice offers: the graph, the lists, the source datasets of listed entries.</summary>
    public IReadOnlyList<ScreeningDataset> KnownDatasets { get; private set; } = [];

    public IReadOnlyDictionary<string, ScreeningAnswer>? Answers { get; private set; }

    public double Threshold { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Every handler renders the form, with its dataset choice.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        KnownDatasets = await datasets.HandleAsync(HttpContext.RequestAborted);
        await next();
    }

    /// <summary>The form; with <c>?name=</c> (a link from the match queue) it also screens that name.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Name))
        {
            await ScreenAsync(ct);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await ScreenAsync(ct);
        return Page();
    }

    /// <summary>Saves the one-name screening as a case (editors) and opens it.</summary>
    public async Task<IActionResult> OnPostCaseAsync(CancellationToken ct)
    {
        var result = await cases.SaveAsync(new ScreeningCaseInput(
            Name, string.IsNullOrWhiteSpace(Schema) ? null : Schema, string.IsNullOrWhiteSpace(Country) ? null : [Country],
            string.IsNullOrWhiteSpace(Dataset) ? null : [Dataset], string.IsNullOrWhiteSpace(Marking) ? null : Marking), ct);
        if (result.Outcome == ReviewOutcome.Done)
        {
            return Redirect($"/screening/cases/{result.Case!.Id}");
        }
        Error = result.Errors is { Count: > 0 } errors ? string.Join(" ", errors.SelectMany(e => e.Value)) : result.Detail;
        if (result.Outcome != ReviewOutcome.Forbidden)
        {
            await ScreenAsync(ct);
        }
        return Page();
    }

    /// <summary>The same screening, as a CSV file.</summary>
    public async Task<IActionResult> OnPostCsvAsync(CancellationToken ct)
    {
        await ScreenAsync(ct);
        if (Answers is null)
        {
            return Page();
        }
        return File(Encoding.UTF8.GetBytes(ScreeningCsv.Write(Answers)), "text/csv; charset=utf-8", "screening.csv");
    }

    private async Task ScreenAsync(CancellationToken ct)
    {
        Dictionary<string, ScreeningQuery>? queries;
        var csv = Csv;
        if (Upload is { Length: > 0 })
        {
            if (Upload.Length > MaxUpload)
            {
                Error = $"The file is larger than {MaxUpload / 1024 / 1024} MB.";
                return;
            }
            using var reader = new StreamReader(Upload.OpenReadStream(), Encoding.UTF8);
            csv = await reader.ReadToEndAsync(ct);
        }
        if (!string.IsNullOrWhiteSpace(csv))
        {
            (queries, Error) = ScreeningCsv.Read(csv, string.IsNullOrWhiteSpace(Column) ? null : Column.Trim());
            if (queries is null)
            {
                return;
            }
        }
        else if (!string.IsNullOrWhiteSpace(Name))
        {
            var properties = new Dictionary<string, IReadOnlyList<string>> { ["name"] = [Name.Trim()] };
            if (!string.IsNullOrWhiteSpace(Country))
            {
                properties["country"] = [Country.Trim()];
            }
            queries = new() { ["name"] = new ScreeningQuery(string.IsNullOrWhiteSpace(Schema) ? null : Schema, properties) };
        }
        else
        {
            Error = "Give a name, or a CSV of names.";
            return;
        }
        var outcome = await handler.HandleAsync(new ScreeningRequest(queries, Datasets: string.IsNullOrWhiteSpace(Dataset) ? null : [Dataset.Trim()]), ct);
        if (outcome.Errors is not null)
        {
            Error = string.Join(" ", outcome.Errors.SelectMany(e => e.Value));
            return;
        }
        Answers = outcome.Responses;
        Threshold = outcome.Threshold;
    }
}
