using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Matching;

/// <summary>
/// The process's <see cref="NameIndex"/> over the names and aliases of actors and products and the
/// titles of incidents, measures, frameworks and commitments, kept current: it is rebuilt whenever
/// <see cref="DataVersion"/> has moved (every save and import in this process, and another process's
/// commits), before the next search is answered. The index holds every record's names, whoever may
/// read them; <see cref="SearchVisibleAsync"/> keeps only the hits the reader's <see cref="VigilDb"/>
/// query filters let through, so a hidden record is never shown, counted or scored for a reader.
/// One singleton per app; the type-ahead, search and screening all call it.
/// </summary>
public sealed class NameSearch
{
    /// <summary>Kinds the index holds.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["actor", "product", "incident", "measure", "framework", "commitment"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Version, NameIndex Index)? _current;
    private (long Version, NameIndex Index)? _entries;

    /// <summary>
    /// The hits for <paramref name="query"/> that the reader of <paramref name="db"/> may see, best
    /// first: the one line for a type-ahead (<c>await names.SearchVisibleAsync(db, q, ["actor"], 10)</c>).
    /// </summary>
    public async Task<IReadOnlyList<NameHit>> SearchVisibleAsync(
        VigilDb db, string query, IReadOnlyCollection<string>? kinds = null, int limit = 20, bool prefix = true, CancellationToken ct = default)
    {
        var index = await IndexAsync(db, ct);
        // Ask for more than the limit: some may be hidden from this reader.
        var hits = index.Search(query, kinds, Math.Max(limit * 5, 100), prefix: prefix);
        var visible = await VisibleAsync(db, hits, ct);
        return [.. hits.Where(h => visible.Contains((h.Kind, h.Id))).Take(limit)];
    }

    /// <summary>The current index, rebuilt first when the data has changed since it was built.</summary>
    public async Task<NameIndex> IndexAsync(VigilDb db, CancellationToken ct = default)
    {
        var version = DataVersion.Current;
        if (_current is { } cur && cur.Version == version)
        {
            return cur.Index;
        }
        await _gate.WaitAsync(ct);
        try
        {
            version = DataVersion.Current;
            if (_current is { } again && again.Version == version)
            {
                return again.Index;
            }
            var index = new NameIndex(await LoadAsync(db, ct));
            _current = (version, index);
            return index;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The index of the screening lists' entries that are listed and not actors of the graph (kind
    /// <c>entry</c>), apart from the graph's index so that search and browse never see them; screening
    /// asks both. Rebuilt when <see cref="DataVersion"/> has moved, as the graph's.
    /// </summary>
    public async Task<NameIndex> EntriesIndexAsync(VigilDb db, CancellationToken ct = default)
    {
        var version = DataVersion.Current;
        if (_entries is { } cur && cur.Version == version)
        {
            return cur.Index;
        }
        await _gate.WaitAsync(ct);
        try
        {
            version = DataVersion.Current;
            if (_entries is { } again && again.Version == version)
            {
                return again.Index;
            }
            var names = new List<IndexedName>();
            foreach (var e in await db.ListEntries.AsNoTracking().Where(x => x.DelistedDate == null && x.ActorId == null)
                         .Select(x => new { x.Id, x.Name, x.Aliases, x.Schema }).ToListAsync(ct))
            {
                var schema = e.Schema == "Person" ? NameSchema.Person : NameSchema.Organization;
                names.Add(new IndexedName("entry", e.Id, e.Name, true, schema));
                foreach (var alias in ListEntry.Lines(e.Aliases))
                {
                    names.Add(new IndexedName("entry", e.Id, alias, false, schema));
                }
            }
            var index = new NameIndex(names);
            _entries = (version, index);
            return index;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Which of <paramref name="hits"/> the reader of <paramref name="db"/> may see (through its query filters).</summary>
    public static async Task<HashSet<(string Kind, long Id)>> VisibleAsync(VigilDb db, IEnumerable<NameHit> hits, CancellationToken ct)
    {
        var visible = new HashSet<(string, long)>();
        foreach (var group in hits.GroupBy(h => h.Kind))
        {
            var ids = group.Select(h => h.Id).Distinct().ToList();
            var seen = group.Key switch
            {
                "actor" => await db.Actors.Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct),
                "product" => await db.Products.Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct),
                "incident" => await db.Incidents.Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct),
                "measure" => await db.Measures.Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct),
                "framework" => await db.Frameworks.Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct),
                "commitment" => await db.Commitments.Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct),
                _ => [],
            };
            foreach (var id in seen)
            {
                visible.Add((group.Key, id));
            }
        }
        return visible;
    }

    // Every record's names, whatever its marking: the index is only a list of candidates (see VisibleAsync).
    private static async Task<List<IndexedName>> LoadAsync(VigilDb db, CancellationToken ct)
    {
        var names = new List<IndexedName>();
        var actors = await db.Actors.IgnoreQueryFilters().AsNoTracking().Select(a => new { a.Id, a.Name, a.ActorKind }).ToListAsync(ct);
        var schemas = new Dictionary<long, NameSchema>(actors.Count);
        foreach (var a in actors)
        {
            var schema = a.ActorKind == ActorKind.Person ? NameSchema.Person : NameSchema.Organization;
            schemas[a.Id] = schema;
            names.Add(new IndexedName("actor", a.Id, a.Name, true, schema));
        }
        foreach (var a in await db.ActorAliases.IgnoreQueryFilters().AsNoTracking().Select(a => new { a.ActorId, a.Name }).ToListAsync(ct))
        {
            names.Add(new IndexedName("actor", a.ActorId, a.Name, false, schemas.GetValueOrDefault(a.ActorId)));
        }
        foreach (var p in await db.Products.IgnoreQueryFilters().AsNoTracking().Select(p => new { p.Id, p.Name }).ToListAsync(ct))
        {
            names.Add(new IndexedName("product", p.Id, p.Name));
        }
        foreach (var p in await db.ProductAliases.IgnoreQueryFilters().AsNoTracking().Select(p => new { p.ProductId, p.Name }).ToListAsync(ct))
        {
            names.Add(new IndexedName("product", p.ProductId, p.Name, false));
        }
        foreach (var i in await db.Incidents.IgnoreQueryFilters().AsNoTracking().Select(i => new { i.Id, i.Title }).ToListAsync(ct))
        {
            names.Add(new IndexedName("incident", i.Id, i.Title));
        }
        foreach (var m in await db.Measures.IgnoreQueryFilters().AsNoTracking().Select(m => new { m.Id, m.Title }).ToListAsync(ct))
        {
            names.Add(new IndexedName("measure", m.Id, m.Title));
        }
        foreach (var f in await db.Frameworks.IgnoreQueryFilters().AsNoTracking().Select(f => new { f.Id, f.Name }).ToListAsync(ct))
        {
            names.Add(new IndexedName("framework", f.Id, f.Name));
        }
        foreach (var c in await db.Commitments.IgnoreQueryFilters().AsNoTracking().Select(c => new { c.Id, c.Code, c.Text }).ToListAsync(ct))
        {
            names.Add(new IndexedName("commitment", c.Id, c.Code + " " + c.Text));
        }
        return names;
    }
}
