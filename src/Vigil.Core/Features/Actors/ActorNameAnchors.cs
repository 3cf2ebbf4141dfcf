using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Actors;

/// <summary>
/// Starts a page deep in the name-ordered actor list at a kept row instead of walking every row before it.
/// </summary>
/// <remarks>
/// A list page is an OFFSET: page 1,800 of 50 walked 90,000 index entries, about 11 ms on SQLite, and the API list
/// pages were a third of the database time of the skewed read mix. Once per data version, kind of reader and filter
/// (<see cref="ReadResults"/>; the question is the list's own SQL, so no filter can be left out) the list is read once
/// and every <see cref="Spacing"/>th row's name and id kept; a page then starts at the anchor before it
/// (<c>(Name, Id) ≥ anchor</c>, which the kind-and-name index seeks) and skips fewer than <see cref="Spacing"/> rows.
/// The rows and their order are those of the plain OFFSET: the order is (Name, Id), and the comparison is the
/// database's own, as its ORDER BY's. The anchors are kept among the small results: among the large ones, a few dozen
/// gap matrices pushed them out, and page turns read all 100,000 rows again (a seventh of the server's CPU under the
/// skewed mix).
/// </remarks>
internal static class ActorNameAnchors
{
    /// <summary>Rows between two anchors: a page skips fewer than this many.</summary>
    public const int Spacing = 500;

    /// <summary>
    /// <paramref name="filtered"/> (not yet ordered) from the row at <paramref name="offset"/> on, ordered by name and id,
    /// with the rows still to skip.
    /// </summary>
    public static async Task<(IOrderedQueryable<Actor> Rows, int Skip)> SeekAsync(VigilDb db, IQueryable<Actor> filtered, int offset, CancellationToken ct)
    {
        if (offset < Spacing)
        {
            return (Ordered(filtered), offset);
        }
        var keys = Ordered(filtered).Select(a => new { a.Name, a.Id });
        var anchors = await ReadResults.GetOrComputeAsync(db, "actor-name-anchors\n" + keys.ToQueryString(), async () =>
        {
            var kept = new List<Anchor>();
            var row = 0;
            await foreach (var key in keys.AsAsyncEnumerable().WithCancellation(ct))
            {
                if (row++ % Spacing == 0)
                {
                    kept.Add(new Anchor(key.Name, key.Id));
                }
            }
            return kept.ToArray();
        }, ReadResultSize.Small);
        var index = Math.Min(offset / Spacing, anchors!.Length - 1);
        if (index <= 0)
        {
            return (Ordered(filtered), offset);
        }
        var (name, id) = anchors[index];
        var from = filtered.Where(a => string.Compare(a.Name, name) > 0 || (a.Name == name && a.Id >= id));
        return (Ordered(from), offset - index * Spacing);
    }

    /// <summary>
    /// A page of <paramref name="filtered"/> in name order, each row <paramref name="project"/>ed: how many rows there are
    /// (kept per data version, <see cref="ReadResults.CountAsync"/>) and <paramref name="take"/> of them from the row at
    /// <paramref name="offset"/>, started at the anchor before it. The API's list and the browse page of one kind both page so.
    /// </summary>
    public static async Task<(int Total, List<T> Rows)> PageAsync<T>(
        VigilDb db, IQueryable<Actor> filtered, Func<IQueryable<Actor>, IQueryable<T>> project, int offset, int take, CancellationToken ct)
    {
        var total = await ReadResults.CountAsync(db, project(filtered), ct);
        var (from, skip) = await SeekAsync(db, filtered, offset, ct);
        return (total, await project(from).Skip(skip).Take(take).ToListAsync(ct));
    }

    /// <summary>The list's one order: by name, then id (names repeat).</summary>
    public static IOrderedQueryable<Actor> Ordered(IQueryable<Actor> actors) => actors.OrderBy(a => a.Name).ThenBy(a => a.Id);

    private sealed record Anchor(string Name, long Id);
}
