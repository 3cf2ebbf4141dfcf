namespace Vigil.Web.Pages.Scorecards;

/// <summary>
/// ISO 3166-1 numeric codes, which key the countries of the world-atlas TopoJSON the scorecard map draws,
/// for the states the fact base names as signatories (Kosovo has no ISO code and is in the table only).
/// </summary>
public static class IsoNumeric
{
    private static readonly Dictionary<string, string> s_codes = new(StringComparer.Ordinal)
    {
        ["AT"] = "040", ["AU"] = "036", ["CA"] = "124", ["CH"] = "756", ["CR"] = "188", ["DE"] = "276", ["DK"] = "208", ["EE"] = "233",
        ["ES"] = "724", ["FI"] = "246", ["FR"] = "250", ["GB"] = "826", ["GH"] = "288", ["GR"] = "300", ["HU"] = "348", ["IE"] = "372",
        ["IL"] = "376", ["IT"] = "380", ["JP"] = "392", ["KR"] = "410", ["LT"] = "440", ["LU"] = "442", ["MD"] = "498", ["MX"] = "484",
        ["NL"] = "528", ["NO"] = "578", ["NZ"] = "554", ["PL"] = "616", ["RO"] = "642", ["SE"] = "752", ["SI"] = "705", ["SK"] = "703",
        ["TH"] = "764", ["US"] = "840",
    };

    public static string? Of(string? alpha2) => alpha2 is not null && s_codes.TryGetValue(alpha2, out var n) ? n : null;
}
