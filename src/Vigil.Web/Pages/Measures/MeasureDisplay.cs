using Vigil.Model;
using BrowseCitation = Vigil.Features.Browse.CitationView;
using CommonCitation = Vigil.Features.Common.CitationView;

namespace Vigil.Web.Pages.Measures;

/// <summary>Small conversions the measure and gap pages share with the house's partials.</summary>
public static class MeasureDisplay
{
    /// <summary>The marking of a DTO that carries its label ("AMBER+STRICT"); an unknown label shows as the strictest.</summary>
    public static Marking Marking(string label) => Markings.TryParse(label, out var m) ? m : Model.Marking.Red;

    /// <summary>Citations in the form <c>_Citations</c> shows.</summary>
    public static IReadOnlyList<BrowseCitation> ForPartial(IEnumerable<CommonCitation> citations) =>
        citations.Select(c => new BrowseCitation(c.SourceSlug, c.SourceTitle, c.SourceReliability.Length > 0 ? c.SourceReliability[0] : 'F', c.Locator, c.Quote, c.Credibility)).ToList();
}
