using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Sanctions;
using Vigil.Model;

namespace Vigil.Features.Screening;

/// <summary>
/// A dataset a screening may be narrowed to: its name, its title where Vigil knows one, and what it holds now (for <c>vigil</c>
/// the actors the reader may see; for any other the listed, not delisted, entries it selects).
/// </summary>
public sealed record ScreeningDataset(string Name, string? Title, int Count);

/// <summary>
/// The datasets screening knows, as yente's catalog lists them: <c>vigil</c> (the graph), each screening list
/// (<c>us_ofac_sdn</c>, <c>opensanctions</c>), known whatever the data, and every source dataset of a listed entry
/// (<c>eu_fsf</c>, <c>gb_hmt_sanctions</c>…). A name in a request's <c>datasets</c> selects: <c>vigil</c>, the graph's
/// actors; any other, the list entries whose list or source datasets hold it (<see cref="ListEntry.AllDatasets()"/>),
/// so <c>us_ofac_sdn</c> selects the SDN list's entries and the FtM entries from that source. Computed once per data
/// version and kind of reader (<see cref="ReadResults"/>): every screening that names a source dataset asks for it.
/// </summary>
public sealed class ScreeningDatasetsHandler(VigilDb db)
{
    /// <summary>Vigil's own graph, as a dataset.</summary>
    public const string Graph = "vigil";

    /// <summary>The datasets known whatever the data: the graph and the screening lists.</summary>
    public static IReadOnlyList<string> Always { get; } = [Graph, ImportSdnHandler.Dataset, ImportFtmHandler.Dataset];

    private static readonly Dictionary<string, string> s_titles = new(StringComparer.Ordinal)
    {
        [Graph] = "Vigil knowledge graph",
        [ImportSdnHandler.Dataset] = "OFAC Specially Designated Nationals list",
        [ImportFtmHandler.Dataset] = "OpenSanctions (FollowTheMoney imports)",
    };

    /// <summary>The graph, the lists, then the source datasets by name.</summary>
    public Task<IReadOnlyList<ScreeningDataset>> HandleAsync(CancellationToken ct = default) => CatalogAsync(db, ct);

    /// <summary>As <see cref="HandleAsync"/>, for a handler holding a context of its own reader.</summary>
    internal static async Task<IReadOnlyList<ScreeningDataset>> CatalogAsync(VigilDb db, CancellationToken ct) =>
        (await ReadResults.GetOrComputeAsync(db, "screening-datasets", () => ComputeAsync(db, ct), ReadResultSize.Small))!;

    private static async Task<IReadOnlyList<ScreeningDataset>?> ComputeAsync(VigilDb db, CancellationToken ct)
    {
        // Entries share a few hundred combinations of list and datasets: counted per combination, then per dataset.
        var combinations = await db.ListEntries.Where(x => x.DelistedDate == null).GroupBy(x => new { x.List, x.Datasets })
            .Select(g => new { g.Key.List, g.Key.Datasets, Count = g.Count() }).ToListAsync(ct);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { [Graph] = await db.Actors.CountAsync(ct) };
        foreach (var c in combinations)
        {
            foreach (var dataset in ListEntry.AllDatasets(c.List, c.Datasets))
            {
                counts[dataset] = counts.GetValueOrDefault(dataset) + c.Count;
            }
        }
        var sources = counts.Keys.Except(Always).Order(StringComparer.Ordinal);
        return [.. Always.Concat(sources).Select(name => new ScreeningDataset(name, s_titles.GetValueOrDefault(name), counts.GetValueOrDefault(name)))];
    }
}

/// <summary>The dataset rule of <see cref="ScreeningDatasetsHandler"/> in SQL.</summary>
internal static class ListEntryDatasets
{
    /// <summary>
    /// The entries whose list is one of <paramref name="datasets"/> or whose source datasets hold one
    /// (<see cref="ListEntry.AllDatasets()"/>, in the query): a whole line of the column, compared with LIKE on the column
    /// between line ends, the wildcards of a name escaped (every OpenSanctions name has an <c>_</c>).
    /// </summary>
    public static IQueryable<ListEntry> InDatasets(this IQueryable<ListEntry> entries, IReadOnlyCollection<string> datasets)
    {
        var names = datasets.ToList();
        var lines = names.Select(d => "%\n" + d.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "\n%").ToList();
        return entries.Where(x => names.Contains(x.List) || lines.Any(line => EF.Functions.Like("\n" + x.Datasets + "\n", line, "\\")));
    }
}
