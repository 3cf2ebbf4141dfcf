using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Commitments;

namespace Vigil.Web.Pages.Scorecards;

/// <summary>Scorecards of every endorser of a framework in a quarter: a table (works without JS) and a map drawn from it.</summary>
public sealed class IndexModel(ScorecardsHandler scorecards, ListFrameworksHandler frameworks) : PageModel
{
    public ScorecardSet? Set { get; private set; }

    public IReadOnlyList<FrameworkSummary> Frameworks { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Series { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Quarter { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Frameworks = (await frameworks.HandleAsync(ct)).Where(f => f.Endorsements > 0).DistinctBy(f => f.Series).ToList();
        Set = await scorecards.HandleAsync(Series, string.IsNullOrWhiteSpace(Quarter) ? null : Quarter, null, ct);
        if (Set is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    public static string Score(double? v) => v?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    public static string Change(double? v) => v is { } x ? (x > 0 ? "+" : x < 0 ? "−" : "±") + Math.Abs(x).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "—";

    /// <summary>A colour band for the map and the table, from the score (none when unrated).</summary>
    public static string Band(double? v) => v switch
    {
        null => "none",
        < 25 => "low",
        < 50 => "limited",
        < 75 => "substantial",
        _ => "high",
    };
}
