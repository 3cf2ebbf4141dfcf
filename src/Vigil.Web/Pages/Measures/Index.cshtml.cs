using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Common;
using Vigil.Features.Measures;

namespace Vigil.Web.Pages.Measures;

public sealed class IndexModel(ListMeasuresHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Authority { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Target { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Programme { get; set; }

    // From the query string only, as SearchModel.PageNumber says why.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PagedList<MeasureSummary> Result { get; private set; } = new([], 0, 1, 50);

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public int Pages => Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var result = await handler.HandleAsync(new ListMeasuresQuery(Type, Stage, Authority, Target, Programme, PageNumber, 50), ct);
        if (result.Page is { } page)
        {
            Result = page;
        }
        else
        {
            Errors = result.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public string PageUrl(int page) => "/measures" + QueryString.Create(
        new Dictionary<string, string?>
        {
            ["type"] = Type, ["stage"] = Stage, ["authority"] = Authority, ["target"] = Target, ["programme"] = Programme,
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
