using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Common;
using Vigil.Features.Incidents;

namespace Vigil.Web.Pages.Incidents;

/// <summary>A timeline of incidents, oldest first, for a vendor, an operator (actor or state), a product or any filter of the list.</summary>
public sealed class TimelineModel(ListIncidentsHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Vendor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Product { get; set; }
    [BindProperty(SupportsGet = true)] public string? Operator { get; set; }
    [BindProperty(SupportsGet = true)] public string? OperatorState { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Transnational { get; set; }

    public PagedList<IncidentSummary>? Result { get; private set; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    /// <summary>What the timeline is of, in words.</summary>
    public string Subject =>
        Vendor is not null ? $"vendor {Vendor}" : Operator is not null ? $"operator {Operator}" : Actor is not null ? $"{Actor}"
        : OperatorState is not null ? $"operator state {Vigil.Model.Countries.NameOf(OperatorState.ToUpperInvariant())}"
        : Product is not null ? $"product {Product}" : "all incidents";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var result = await handler.HandleAsync(new ListIncidentsQuery(null, Vendor, Product, Operator, OperatorState, null, Category, null, Transnational,
            null, null, Oldest: true, 1, Paging.MaxPageSize, Actor), ct);
        Result = result.Page;
        Errors = result.Errors;
        if (Errors is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
