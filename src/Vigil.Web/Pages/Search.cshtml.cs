using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Search;

namespace Vigil.Web.Pages;

public sealed class SearchModel(SearchRecordsHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    // From the query string only: "page" is also the route value that names the Razor page ("/Search"), which binding
    // tried to read as a number, throwing and catching an exception on every request without ?page (so on most).
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public SearchRecordsResult Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await handler.HandleAsync(new SearchRecordsRequest(Q, Kind, Country, Status, PageNumber, 20), ct);

    /// <summary>This search narrowed to one kind or one country (first page).</summary>
    public string FacetUrl(string? kind = null, string? country = null) => "/search" + QueryString.Create(
        new Dictionary<string, string?> { ["q"] = Q, ["kind"] = kind ?? Kind, ["country"] = country ?? Country, ["status"] = Status }
            .Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public string PageUrl(int page) => "/search" + QueryString.Create(
        new Dictionary<string, string?> { ["q"] = Q, ["kind"] = Kind, ["country"] = Country, ["status"] = Status, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
