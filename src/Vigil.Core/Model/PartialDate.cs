using System.Globalization;

namespace Vigil.Model;

/// <summary>
/// Dates as sources give them: a year, a year and month, or a full date, written YYYY, YYYY-MM or
/// YYYY-MM-DD. Stored as text, which sorts correctly.
/// </summary>
public static class PartialDate
{
    /// <summary>True for YYYY, YYYY-MM or YYYY-MM-DD naming a real date.</summary>
    public static bool IsValid(string? text) => IsValid(text.AsSpan());

    /// <summary>
    /// As <see cref="IsValid(string?)"/>, on a span: read by hand, without the culture-aware parser or a new string, as a
    /// list import checks every date of up to a million entities. A year alone runs 1000–9999; a year with a month or day
    /// 0001–9999, as <c>DateOnly</c> reads it (<c>PartialDateTests</c> holds the two to the same answers).
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.Length is not (4 or 7 or 10) || !Number(text[..4], out var year))
        {
            return false;
        }
        if (text.Length == 4)
        {
            return year >= 1000;
        }
        if (year == 0 || text[4] != '-' || !Number(text[5..7], out var month) || month is < 1 or > 12)
        {
            return false;
        }
        return text.Length == 7
            || (text[7] == '-' && Number(text[8..10], out var day) && day >= 1 && day <= DateTime.DaysInMonth(year, month));

        // ASCII digits only, as the invariant culture reads them.
        static bool Number(ReadOnlySpan<char> digits, out int value)
        {
            value = 0;
            foreach (var c in digits)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }
                value = (value * 10) + (c - '0');
            }
            return true;
        }
    }

    /// <summary>The year of a valid partial date.</summary>
    public static int Year(string text) => int.Parse(text.AsSpan(0, 4), CultureInfo.InvariantCulture);
}
