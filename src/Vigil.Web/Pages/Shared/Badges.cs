using System.Net;
using Microsoft.AspNetCore.Html;
using Vigil.Model;

namespace Vigil.Web.Pages;

/// <summary>
/// A record's marking and review status as the badges every page shows beside its name. Written in C# rather than
/// as partial views: a list of fifty records rendered a hundred and fifty partials (one for the pair, one for each
/// badge), half the time of a signed-in reader's browse page.
/// </summary>
public static class Badges
{
    /// <summary>The TLP marking badge ("TLP:AMBER+STRICT").</summary>
    public static IHtmlContent Marking(Marking marking)
    {
        var label = marking.ToLabel();
        return new HtmlString($"<span class=\"badge tlp tlp-{Encode(label.ToLowerInvariant().Replace('+', '-'))}\" title=\"Traffic Light Protocol marking\">TLP:{Encode(label)}</span>");
    }

    /// <summary>The review status badge ("in review").</summary>
    public static IHtmlContent Status(ReviewStatus status)
    {
        var label = status.ToLabel();
        return new HtmlString($"<span class=\"badge status status-{Encode(label)}\">{Encode(label.Replace('-', ' '))}</span>");
    }

    /// <summary>Both, as one group.</summary>
    public static IHtmlContent Of(Marking marking, ReviewStatus status) =>
        new HtmlString($"<span class=\"badges\">{Marking(marking)} {Status(status)}</span>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
