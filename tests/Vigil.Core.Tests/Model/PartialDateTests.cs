using System.Globalization;
using FluentAssertions;
using Vigil.Model;
using Xunit;

namespace Vigil.Core.Tests.Model;

/// <summary>
/// <see cref="PartialDate.IsValid(string?)"/> reads dates by hand for speed; it must say what <c>DateOnly.TryParseExact</c>
/// says (the definition it replaced) of every string: every day of leap and common years, the bounds of years, months
/// and days, and random strings of digits, separators and look-alikes.
/// </summary>
public sealed class PartialDateTests
{
    // The definition before the hand-written reader.
    private static bool ByTheLibrary(string? text) => !string.IsNullOrEmpty(text) && text.Length switch
    {
        4 => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1000 and <= 9999,
        7 => DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        10 => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => false,
    };

    [Theory]
    [InlineData("2024", true)]
    [InlineData("0999", false)]
    [InlineData("2024-02", true)]
    [InlineData("2024-13", false)]
    [InlineData("0000-01", false)]
    [InlineData("0001-01-01", true)]
    [InlineData("2024-02-29", true)]
    [InlineData("2023-02-29", false)]
    [InlineData("1900-02-29", false)]
    [InlineData("2000-02-29", true)]
    [InlineData("2024-04-31", false)]
    [InlineData("2024-4-1", false)]
    [InlineData("2024/04/01", false)]
    [InlineData(" 2024", false)]
    [InlineData("２０２４", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void KnownCases(string? text, bool valid)
    {
        PartialDate.IsValid(text).Should().Be(valid);
        ByTheLibrary(text).Should().Be(valid, "the cases are the library's answers too");
    }

    [Fact]
    public void EveryDayOfSevenYears_AndTheirBounds_AsTheLibrarySays()
    {
        var checkedCount = 0;
        foreach (var year in new[] { "1900", "2000", "2023", "2024", "0000", "0001", "9999" })
        {
            for (var month = 0; month <= 13; month++)
            {
                var ym = $"{year}-{month:00}";
                PartialDate.IsValid(ym).Should().Be(ByTheLibrary(ym), ym);
                for (var day = 0; day <= 32; day++)
                {
                    var date = $"{ym}-{day:00}";
                    PartialDate.IsValid(date).Should().Be(ByTheLibrary(date), date);
                    checkedCount++;
                }
            }
        }
        checkedCount.Should().Be(7 * 14 * 33);
    }

    [Fact]
    public void RandomStrings_AsTheLibrarySays()
    {
        var random = new Random(2026);
        const string alphabet = "0123456789-/ T+٢a";
        var valid = 0;
        for (var n = 0; n < 50_000; n++)
        {
            var length = new[] { 4, 7, 10, 3, 8 }[random.Next(5)];
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                // Mostly digits where digits belong and dashes where dashes do, so that many are dates.
                chars[i] = random.Next(6) == 0 ? alphabet[random.Next(alphabet.Length)] : i is 4 or 7 ? '-' : (char)('0' + random.Next(i is 5 or 8 ? 4 : 10));
            }
            var text = new string(chars);
            var expected = ByTheLibrary(text);
            PartialDate.IsValid(text).Should().Be(expected, text);
            valid += expected ? 1 : 0;
        }
        valid.Should().BeGreaterThan(5_000, "enough of the strings are dates for the comparison to mean something");
    }
}
