using System.Globalization;

namespace Vigil.Model;

/// <summary>
/// Dates as sources give them: a year, a year and month, or a full date, written YYYY, YYYY-MM or
/// YYYY-MM-DD. Stored as text, which sorts correctly.
/// </summary>
public static class PartialDate
{
    /// <summary>True for YYYY, YYYY-MM or YYYY-MM-DD naming a real date.</summary>
    public static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        return text.Length switch
        {
            4 => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1000 and <= 9999,
            7 => DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            10 => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            _ => false,
        };
    }

    /// <summary>The year of a valid partial date.</summary>
    public static int Year(string text) => int.Parse(text.AsSpan(0, 4), CultureInfo.InvariantCulture);
}
