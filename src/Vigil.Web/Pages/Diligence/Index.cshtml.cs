using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Diligence;
using Vigil.Features.Search;

namespace Vigil.Web.Pages.Diligence;

/// <summary>
/// Pick the subject of a due-diligence report by name: a prospective customer (a state or public body) or
/// a prospective vendor (a company, person or organisation). A name, alias or slug that only one visible
/// record has opens its report; otherwise the page lists the records it may mean.
/// </summary>
public sealed class IndexModel(LookupHandler lookup) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Customer { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Vendor { get; set; }

    /// <summary>The kind asked for when the name did not resolve to one record.</summary>
    public string? Asked { get; private set; }

    public IReadOnlyList<LookupItem> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (kind, name) = !string.IsNullOrWhiteSpace(Customer) ? (DiligenceKinds.Customer, Customer)
            : !string.IsNullOrWhiteSpace(Vendor) ? (DiligenceKinds.Vendor, Vendor) : (null, null);
        if (kind is null || name is null)
        {
            return Page();
        }
        var found = await lookup.ResolveAsync(DiligenceKinds.LookupKinds(kind), name, ct);
        if (found.Match is { } match)
        {
            return Redirect(DiligenceKinds.Path(kind, match.Slug));
        }
        Asked = kind;
        Candidates = found.Candidates;
        return Page();
    }
}
