using Microsoft.AspNetCore.Mvc;
using Vigil.Access;
using Vigil.Features.Audit;

namespace Vigil.Web.Pages.Admin;

/// <summary>The audit log for admins: entries filtered by who, what, record and date, and the chain check.</summary>
public sealed class AuditModel(SearchAuditLogHandler search, IReaderAccessor readers) : AdminPage(readers)
{
    [BindProperty(SupportsGet = true)]
    public string? Who { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? What { get; set; }

    [BindProperty(SupportsGet = true, Name = "record")]
    public string? RecordText { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    // From the query string only, as SearchModel.PageNumber says why.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public AuditPage? Result { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (page, errors) = await search.HandleAsync(new AuditQuery(Who, What, RecordText, From, To, PageNumber), ct);
        if (page is null && errors.IsEmpty)
        {
            return NotFound();
        }
        Result = page;
        Errors = errors.ToDictionary().SelectMany(e => e.Value).ToList();
        if (page is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    public string PageLink(int page) =>
        "/admin/audit" + QueryString.Create(new Dictionary<string, string?>
        {
            ["who"] = Who, ["what"] = What, ["record"] = RecordText, ["from"] = From, ["to"] = To, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
}
