using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Features.Commitments;

/// <summary>A calendar quarter, written "2026Q1": the period an assessment rates.</summary>
public readonly partial record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    [GeneratedRegex(@"^(\d{4})[Qq]([1-4])$")]
    private static partial Regex Pattern();

    /// <summary>The quarter <paramref name="text"/> names ("2026Q1", "2026q1"), if it names one.</summary>
    public static bool TryParse(string? text, out Quarter quarter)
    {
        var m = Pattern().Match(text?.Trim() ?? "");
        quarter = m.Success
            ? new Quarter(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value[0] - '0')
            : default;
        return m.Success && quarter.Year >= 1000;
    }

    public static Quarter Parse(string text) =>
        TryParse(text, out var q) ? q : throw new FormatException($"'{text}' is not a quarter: write it as 2026Q1.");

    /// <summary>The quarter a day falls in.</summary>
    public static Quarter Of(DateOnly day) => new(day.Year, ((day.Month - 1) / 3) + 1);

    public Quarter Next() => Number == 4 ? new(Year + 1, 1) : new(Year, Number + 1);

    public Quarter Previous() => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    /// <summary>The quarter <paramref name="count"/> quarters later (earlier when negative).</summary>
    public Quarter Add(int count)
    {
        var index = (Year * 4) + (Number - 1) + count;
        return new(index / 4, (index % 4) + 1);
    }

    /// <summary>First day of the quarter.</summary>
    public DateOnly Start => new(Year, ((Number - 1) * 3) + 1, 1);

    /// <summary>Last day of the quarter.</summary>
    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    public int CompareTo(Quarter other) => ((Year * 4) + Number).CompareTo((other.Year * 4) + other.Number);

    public static bool operator <(Quarter a, Quarter b) => a.CompareTo(b) < 0;

    public static bool operator >(Quarter a, Quarter b) => a.CompareTo(b) > 0;

    public static bool operator <=(Quarter a, Quarter b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Quarter a, Quarter b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}Q{Number}");
}
