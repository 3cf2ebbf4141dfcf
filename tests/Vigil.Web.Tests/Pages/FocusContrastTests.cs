using System.Globalization;
using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace Vigil.Web.Tests.Pages;

/// <summary>
/// WCAG 1.4.11 (non-text contrast): the focus ring reaches 3:1 against every background it can lie on.
/// The colours are read from site.css itself, so a change of palette is checked without a browser.
/// </summary>
public sealed partial class FocusContrastTests
{
    private static readonly Stylesheet Css = Stylesheet.Load();

    [Theory]
    [InlineData("#000000", "#ffffff", 21.0)]
    [InlineData("#e0a100", "#fbfaf7", 2.17)]
    [InlineData("#e0a100", "#ffffff", 2.27)]
    [InlineData("#e0a100", "#14213d", 7.05)]
    public void ContrastRatio_IsWcags(string a, string b, double expected) =>
        Contrast.Ratio(a, b).Should().BeApproximately(expected, 0.01);

    [Fact]
    public void TheFocusRing_Reaches3To1_OnThePaper_OnWhite_AndOnEveryLightBackgroundOfTheStylesheet()
    {
        var ring = Css.RingFor(":focus-visible");
        var light = Css.Backgrounds().Where(b => Contrast.Luminance(b.Colour) >= 0.4).ToList();
        light.Select(b => b.Colour).Should().Contain([Css.Variable("--paper"), Css.Variable("--surface")], "the page and its cards are light");
        foreach (var (selector, colour) in light)
        {
            Contrast.Ratio(ring, colour).Should().BeGreaterThanOrEqualTo(3.0, $"the focus ring {ring} on {selector} ({colour})");
        }
    }

    [Fact]
    public void TheHeadersFocusRing_StaysAmber_AndReaches3To1_OnTheDarkHeader()
    {
        var header = Css.Backgrounds().Single(b => b.Selector == ".site-header").Colour;
        foreach (var selector in new[] { ".site-header :focus-visible", ".skip-link:focus-visible" })
        {
            var ring = Css.RingFor(selector);
            ring.Should().Be(Css.Variable("--focus"), "the header keeps its amber ring");
            Contrast.Ratio(ring, header).Should().BeGreaterThanOrEqualTo(3.0, $"{selector} on the header");
        }
    }

    /// <summary>WCAG 2.x relative luminance and contrast ratio.</summary>
    private static class Contrast
    {
        public static double Ratio(string a, string b)
        {
            var (la, lb) = (Luminance(a), Luminance(b));
            return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
        }

        public static double Luminance(string hex)
        {
            var h = hex.TrimStart('#');
            if (h.Length == 3)
            {
                h = string.Concat(h.Select(c => $"{c}{c}"));
            }
            double Channel(int i)
            {
                var c = int.Parse(h.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
                return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }
            return 0.2126 * Channel(0) + 0.7152 * Channel(1) + 0.0722 * Channel(2);
        }
    }

    /// <summary>The top-level rules of site.css (media blocks left out: print is not a screen), in order.</summary>
    private sealed class Stylesheet(List<(string Selectors, Dictionary<string, string> Declarations)> rules)
    {
        public static Stylesheet Load()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                dir = dir.Parent;
            }
            var text = File.ReadAllText(Path.Combine(dir!.FullName, "src", "Vigil.Web", "wwwroot", "css", "site.css"));
            text = Comment().Replace(text, "");
            var rules = new List<(string, Dictionary<string, string>)>();
            var (depth, start, inMedia) = (0, 0, false);
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '{')
                {
                    if (depth == 0 && text[start..i].Trim().StartsWith('@'))
                    {
                        inMedia = true;
                    }
                    depth++;
                    if (depth == 1 && !inMedia)
                    {
                        var close = text.IndexOf('}', i);
                        rules.Add((text[start..i].Trim(), Declarations(text[(i + 1)..close])));
                        i = close;
                        depth = 0;
                        start = i + 1;
                    }
                }
                else if (text[i] == '}')
                {
                    depth--;
                    if (depth == 0)
                    {
                        inMedia = false;
                        start = i + 1;
                    }
                }
            }
            return new Stylesheet(rules);
        }

        private static Dictionary<string, string> Declarations(string block) =>
            block.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(d => d.Contains(':', StringComparison.Ordinal))
                .Select(d => (Name: d[..d.IndexOf(':', StringComparison.Ordinal)].Trim(), Value: d[(d.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
                .GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.Last().Value);

        /// <summary>A custom property of :root, the last declaration winning.</summary>
        public string Variable(string name) =>
            rules.Where(r => r.Selectors == ":root" && r.Declarations.ContainsKey(name)).Select(r => r.Declarations[name]).Last();

        private string? Colour(string value)
        {
            var resolved = VarReference().Replace(value, m => Variable(m.Groups[1].Value));
            var hex = HexColour().Match(resolved);
            return hex.Success ? hex.Value.ToLowerInvariant() : null;
        }

        /// <summary>
        /// The outline colour the cascade gives a focus selector: the universal :focus-visible rules first,
        /// then the scoped selector's own (more specific) rules; among equals the later rule wins.
        /// </summary>
        public string RingFor(string selector)
        {
            string? colour = null;
            foreach (var wanted in selector == ":focus-visible" ? [":focus-visible"] : new[] { ":focus-visible", selector })
            {
                foreach (var (_, declarations) in rules.Where(r => r.Selectors.Split(',').Select(s => s.Trim()).Contains(wanted)))
                {
                    foreach (var property in new[] { "outline", "outline-color" })
                    {
                        if (declarations.TryGetValue(property, out var value) && Colour(value) is { } c)
                        {
                            colour = c;
                        }
                    }
                }
            }
            return colour ?? throw new InvalidOperationException($"No outline colour for {selector} in site.css.");
        }

        /// <summary>Every background colour the stylesheet sets, with the selector that sets it.</summary>
        public IEnumerable<(string Selector, string Colour)> Backgrounds() =>
            rules.SelectMany(r => new[] { "background", "background-color" }
                .Where(r.Declarations.ContainsKey)
                .Select(p => Colour(r.Declarations[p]))
                .OfType<string>()
                .Select(c => (r.Selectors, c)));
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"var\((--[\w-]+)\)")]
    private static partial Regex VarReference();

    [GeneratedRegex(@"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")]
    private static partial Regex HexColour();
}
