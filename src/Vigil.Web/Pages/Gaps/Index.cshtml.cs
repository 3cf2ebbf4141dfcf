using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Gaps;
using Vigil.Model;

namespace Vigil.Web.Pages.Gaps;

/// <summary>The coordination-gap view of one vendor: the heat-map, the evasion surface and the ranked gaps; CSV export.</summary>
public sealed class IndexModel(GetGapMatrixHandler handler, Vigil.Features.Search.LookupHandler lookup) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Vendor { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Hops { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    [BindProperty(Name = "type", SupportsGet = true)]
    public string[]? Types { get; set; }

    /// <summary>Row order: "name" (default), "gaps" (most gaps first) or "filled" (most filled cells first).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public GapMatrix? Matrix { get; private set; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    public List<(string Slug, string Name)> Vendors { get; private set; } = [];

    /// <summary>When the vendor typed did not resolve: the actors it may mean.</summary>
    public IReadOnlyList<Vigil.Features.Search.LookupItem> Candidates { get; private set; } = [];
    /// <summary>The jurisdictions a vendor's matrix shows when none is chosen: a framework's signatories, not all 200 states.</summary>
    public const string DefaultGroup = "joint-statement";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Group ??= DefaultGroup;
        Vendors = await handler.VendorsAsync(200, ct);
        if (string.IsNullOrWhiteSpace(Vendor))
        {
            return Page();
        }
        return await ComputeAsync(ct) ?? Page();
    }

    /// <summary>The same matrix as CSV.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        Group ??= DefaultGroup;
        if (string.IsNullOrWhiteSpace(Vendor))
        {
            return BadRequest();
        }
        if (await ComputeAsync(ct) is { } failed)
        {
            return failed;
        }
        return File(Encoding.UTF8.GetBytes(GapCsv.Write(Matrix!)), "text/csv; charset=utf-8", $"gaps-{Matrix!.Vendor.Slug}.csv");
    }

    private async Task<IActionResult?> ComputeAsync(CancellationToken ct)
    {
        // Picked by name: a name, an alias or a slug; otherwise the candidates to choose from.
        var resolved = await lookup.ResolveAsync("actor", Vendor!, ct);
        if (resolved.Match is null)
        {
            Candidates = resolved.Candidates;
            Errors = new Dictionary<string, string[]>
            {
                ["vendor"] = [resolved.Ambiguous ? $"'{Vendor}' names several actors: pick one below." : $"There is no actor '{Vendor}'." + (Candidates.Count > 0 ? " Did you mean one below?" : "")],
            };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }
        Vendor = resolved.Match.Slug;
        var (request, errors) = GapRequest.Parse(Vendor!, Hops, Group, Types);
        if (request is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }
        Matrix = await handler.HandleAsync(request, ct);
        return Matrix is null ? NotFound() : null;
    }

    /// <summary>The jurisdictions in the chosen order.</summary>
    public IEnumerable<Jurisdiction> Rows()
    {
        var m = Matrix!;
        var gaps = m.Gaps.GroupBy(g => g.Jurisdiction.Slug).ToDictionary(g => g.Key, g => g.Count());
        var filled = m.Cells.Where(c => c.Filled).GroupBy(c => c.Jurisdiction).ToDictionary(g => g.Key, g => g.Count());
        return Sort switch
        {
            "gaps" => m.Jurisdictions.OrderByDescending(j => gaps.GetValueOrDefault(j.Slug)).ThenBy(j => j.Name, StringComparer.Ordinal),
            "filled" => m.Jurisdictions.OrderByDescending(j => filled.GetValueOrDefault(j.Slug)).ThenBy(j => j.Name, StringComparer.Ordinal),
            _ => m.Jurisdictions,
        };
    }

    public string LinkTo(string? sort = null, string? handlerName = null) => "/gaps" + QueryString.Create(
        new List<KeyValuePair<string, string?>>
        {
            new("vendor", Vendor), new("hops", Hops?.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("group", Group),
            new("sort", sort ?? Sort), new("handler", handlerName),
        }.Concat((Types ?? []).Select(t => new KeyValuePair<string, string?>("type", t))).Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public bool TypeChosen(MeasureType t) => Types is { Length: > 0 } ? Types.Contains(t.ToLabel()) : false;
}
