using System.Globalization;
using Vigil.Model;

namespace Vigil.Features.Briefs;

/// <summary>Small wording rules shared by the briefs (and the scorecard pages): lists, counts, coverage.</summary>
public static class BriefText
{
    /// <summary>
    /// The share of a framework's commitments that must be rated before a score is shown as a headline
    /// figure; below it the score is given only beside its coverage ("1 of 17 rated").
    /// </summary>
    public const double HeadlineShare = 0.5;

    /// <summary>Whether a score over <paramref name="rated"/> of <paramref name="total"/> commitments may be a headline.</summary>
    public static bool IsHeadline(int rated, int total) => total > 0 && rated >= Math.Ceiling(total * HeadlineShare);

    /// <summary>"1 of 17 rated".</summary>
    public static string Coverage(int rated, int total) => $"{rated} of {total} rated";

    /// <summary>"a, b and c".</summary>
    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1],
        };
    }

    /// <summary>"1 incident", "3 incidents".</summary>
    public static string Count(int n, string one, string? many = null) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many ?? one + "s");

    /// <summary>A score with one decimal, or a dash.</summary>
    public static string Score(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    /// <summary>A change with its sign, or "n/a".</summary>
    public static string Change(double? v) => v is { } x ? (x > 0 ? "+" : "") + x.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>The highest of several markings.</summary>
    public static Marking Max(IEnumerable<Marking> markings) => markings.DefaultIfEmpty(Marking.Clear).Max();
}
