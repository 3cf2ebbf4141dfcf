using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Incidents;

/// <summary>The facts of one incident that statistics count (a pure input, built from visible records).</summary>
public sealed record IncidentFacts(
    string Slug, int? Year, IReadOnlyList<string> OperatorStates, IReadOnlyList<(string Slug, string Name)> Vendors,
    IReadOnlyList<(string Slug, string Name)> Products, IReadOnlyList<TargetCategory> Categories,
    IReadOnlyList<(string Slug, string Name)> Investigators, IReadOnlyList<string> TargetResidences);

/// <summary>One counted figure: what, how many incidents, and the list query that shows them.</summary>
public sealed record Figure(string Key, string Label, int Incidents, string Query);

/// <summary>The headline figures and the breakdowns, every one computed from the incidents counted.</summary>
public sealed record IncidentStatisticsResult(
    int Incidents, int TransnationalIncidents, int StatesSuspected, int StatesActingAbroad, IReadOnlyList<Figure> StatesActingAbroadList,
    IReadOnlyList<Figure> ByYear, IReadOnlyList<Figure> ByOperatorState, IReadOnlyList<Figure> ByVendor, IReadOnlyList<Figure> ByProduct,
    IReadOnlyList<Figure> ByTargetCategory, IReadOnlyList<Figure> ByInvestigator, IReadOnlyList<Figure> ByTransnational)
{
    /// <summary>The answer to "how many governments are suspected of using commercial spyware against people outside their borders".</summary>
    public string Headline =>
        $"{StatesActingAbroad} {(StatesActingAbroad == 1 ? "government is" : "governments are")} suspected of using commercial spyware against people outside their borders, in {TransnationalIncidents} of {Incidents} published incidents.";
}

/// <summary>
/// Incident statistics as a pure function of the facts: no figure is typed in. An incident counts once
/// per value it has (an incident with two vendors counts for both). Each figure carries the query of the
/// incident list that shows exactly the incidents behind it.
/// </summary>
public static class IncidentStatistics
{
    public static IncidentStatisticsResult Compute(IReadOnlyCollection<IncidentFacts> incidents)
    {
        var transnational = incidents.Where(i => Transnational.IsTransnational(i.OperatorStates, i.TargetResidences)).ToList();
        var abroad = incidents
            .SelectMany(i => Transnational.StatesActingAbroad(i.OperatorStates, i.TargetResidences).Select(s => (State: s, i.Slug)))
            .GroupBy(x => x.State)
            .Select(g => new Figure(g.Key, CountryName(g.Key), g.Select(x => x.Slug).Distinct().Count(), $"operatorState={g.Key}&transnational=true"))
            .OrderByDescending(f => f.Incidents).ThenBy(f => f.Label, StringComparer.Ordinal).ToList();
        var states = incidents.SelectMany(i => i.OperatorStates).Distinct().Count();
        return new IncidentStatisticsResult(
            incidents.Count, transnational.Count, states, abroad.Count, abroad,
            [.. incidents.Where(i => i.Year is not null).GroupBy(i => i.Year!.Value).OrderBy(g => g.Key)
                .Select(g => new Figure(Invariant(g.Key), Invariant(g.Key), g.Count(), $"year={Invariant(g.Key)}"))],
            Count(incidents, i => i.OperatorStates.Select(s => (s, CountryName(s))), s => $"operatorState={s}"),
            Count(incidents, i => i.Vendors, s => $"vendor={s}"),
            Count(incidents, i => i.Products, s => $"product={s}"),
            Count(incidents, i => i.Categories.Select(c => (c.ToLabel(), c.Words())), s => $"category={s}"),
            Count(incidents, i => i.Investigators, s => $"investigator={s}"),
            [new Figure("yes", "transnational repression", transnational.Count, "transnational=true"),
             new Figure("no", "not transnational (or not known)", incidents.Count - transnational.Count, "transnational=false")]);
    }

    private static List<Figure> Count(IEnumerable<IncidentFacts> incidents, Func<IncidentFacts, IEnumerable<(string Key, string Label)>> values, Func<string, string> query) =>
        [.. incidents.SelectMany(i => values(i).Distinct().Select(v => (v.Key, v.Label, i.Slug)))
            .GroupBy(x => x.Key)
            .Select(g => new Figure(g.Key, g.First().Label, g.Select(x => x.Slug).Distinct().Count(), query(Uri.EscapeDataString(g.Key))))
            .OrderByDescending(f => f.Incidents).ThenBy(f => f.Label, StringComparer.Ordinal)];

    private static string CountryName(string code) => Model.Countries.IsKnown(code) ? Model.Countries.NameOf(code) : code;

    private static string Invariant(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Statistics of the published incidents the reader may see ("according to published evidence"): drafts
/// never count, even for editors, and the access rule decides the rest, as for every count.
/// </summary>
public sealed class GetIncidentStatisticsHandler(VigilDb db)
{
    public async Task<IncidentStatisticsResult> HandleAsync(CancellationToken ct = default)
    {
        var incidents = await db.Incidents.Where(i => i.Status == ReviewStatus.Published)
            .Select(i => new { i.Id, i.Slug, i.FirstSeen, i.DisclosedOn }).AsNoTracking().ToListAsync(ct);
        var links = await IncidentLinks.LoadAsync(db, [.. incidents.Select(i => i.Id)], ct);
        var facts = incidents.Select(i =>
        {
            var l = links.GetValueOrDefault(i.Id) ?? IncidentLinks.Empty;
            return new IncidentFacts(i.Slug, Incident.YearOf(i.FirstSeen, i.DisclosedOn), [.. l.OperatorStates.OfType<string>().Distinct()],
                [.. l.VendorSlugs.Zip(l.Vendors)], [.. l.ProductSlugs.Zip(l.Products)], [.. l.Categories.Distinct()], l.Investigators,
                [.. l.Residences.OfType<string>()]);
        }).ToList();
        return IncidentStatistics.Compute(facts);
    }
}
