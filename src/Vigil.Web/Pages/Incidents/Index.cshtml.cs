using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Common;
using Vigil.Features.Incidents;

namespace Vigil.Web.Pages.Incidents;

/// <summary>The incident list with its filters; a timeline when a vendor or operator is chosen and "oldest" is set.</summary>
public sealed class IndexModel(ListIncidentsHandler handler, Vigil.Access.IReaderAccessor readers) : PageModel
{
    public Vigil.Access.Reader Reader => readers.Current;

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Vendor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Product { get; set; }
    [BindProperty(SupportsGet = true)] public string? Operator { get; set; }
    [BindProperty(SupportsGet = true)] public string? OperatorState { get; set; }
    [BindProperty(SupportsGet = true)] public string? Investigator { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Transnational { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    // From the query string only, as SearchModel.PageNumber says why.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PagedList<IncidentSummary>? Result { get; private set; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var result = await handler.HandleAsync(Query(PageNumber), ct);
        Result = result.Page;
        Errors = result.Errors;
        if (Errors is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public ListIncidentsQuery Query(int page) => new(Year, Vendor, Product, Operator, OperatorState, Investigator, Category, Country, Transnational,
        Status, Q, false, page, 25, Actor);

    /// <summary>The filters as a query string (for the pager and the timeline link).</summary>
    public string QueryString(int? page = null) => Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
    {
        ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["actor"] = Actor, ["vendor"] = Vendor, ["product"] = Product,
        ["operator"] = Operator, ["operatorState"] = OperatorState, ["investigator"] = Investigator, ["category"] = Category, ["country"] = Country,
        ["transnational"] = Transnational?.ToString().ToLowerInvariant(), ["status"] = Status, ["q"] = Q,
        ["page"] = page?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
