using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Matching;

/// <summary>
/// The process's name index over the names and aliases of actors and products and the titles of incidents,
/// measures, frameworks and commitments, kept current: whenever <see cref="DataVersion"/> has moved (every
/// save and import in this process, and another process's commits), the next search first brings it up to
/// date. Rebuilding the whole index on every save cost 1–3 s at 100,000 actors, so a save only rebuilds a
/// small <em>delta</em>: the records whose revisions are newer than the base index (every change to a
/// record or its aliases writes one), indexed afresh and masked in the base (see <see cref="NameSnapshot"/>).
/// The base is rebuilt whole when the delta grows past <see cref="MaxDeltaRecords"/> (an import) or is older
/// than <see cref="MaxBaseAge"/> (so that a PostgreSQL commit that took a revision id older than the base's
/// newest, and so was missed, is picked up at the latest then).
/// The index holds every record's names, whoever may read them; <see cref="SearchVisibleAsync"/> keeps only
/// the hits the reader's <see cref="VigilDb"/> query filters let through, so a hidden record is never shown,
/// counted or scored for a reader. One singleton per app; the type-ahead, search and screening all call it.
/// </summary>
public sealed class NameSearch(TimeProvider? time = null)
{
    /// <summary>Kinds the index holds.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["actor", "product", "incident", "measure", "framework", "commitment"];

    /// <summary>Past this many changed records, the whole index is rebuilt rather than a delta.</summary>
    public const int MaxDeltaRecords = 2_000;

    /// <summary>How long a base index serves with a delta beside it before it is rebuilt whole.</summary>
    public static readonly TimeSpan MaxBaseAge = TimeSpan.FromMinutes(10);

    // Revisions a little older than the base's newest are read again into the delta: on PostgreSQL a
    // transaction may commit after one that took a later revision id.
    private const long RevisionSlack = 64;

    private static readonly Dictionary<RecordKind, string> s_indexedKinds = new()
    {
        [RecordKind.Actor] = "actor", [RecordKind.Product] = "product", [RecordKind.Incident] = "incident",
        [RecordKind.Measure] = "measure", [RecordKind.Framework] = "framework", [RecordKind.Commitment] = "commitment",
    };

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (NameIndex Index, long Revision, DateTimeOffset Built)? _base;
    private (long Version, NameSnapshot Snapshot)? _current;
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

    /// <summary>The current index, brought up to date first when the data has changed since.</summary>
    public async Task<NameSnapshot> IndexAsync(VigilDb db, CancellationToken ct = default)
    {
        var version = DataVersion.Current;
        if (_current is { } cur && cur.Version == version)
        {
            return cur.Snapshot;
        }
        await _gate.WaitAsync(ct);
        try
        {
            version = DataVersion.Current;
            if (_current is { } again && again.Version == version)
            {
                return again.Snapshot;
            }
            var snapshot = await RefreshAsync(db, ct);
            _current = (version, snapshot);
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<NameSnapshot> RefreshAsync(VigilDb db, CancellationToken ct)
    {
        // The newest revision is read before the names: a change committed in between is in both, never in neither.
        var newest = await db.Revisions.IgnoreQueryFilters().MaxAsync(r => (long?)r.Id, ct) ?? 0;
        if (_base is { } current && _time.GetUtcNow() - current.Built < MaxBaseAge)
        {
            var since = current.Revision - RevisionSlack;
            var kinds = s_indexedKinds.Keys.ToList();
            var changed = await db.Revisions.IgnoreQueryFilters()
                .Where(r => r.Id > since && kinds.Contains(r.RecordKind))
                .Select(r => new { r.RecordKind, r.RecordId }).Distinct().Take(MaxDeltaRecords + 1).ToListAsync(ct);
            if (changed.Count <= MaxDeltaRecords)
            {
                var records = changed.Select(c => (s_indexedKinds[c.RecordKind], c.RecordId)).ToHashSet();
                var delta = records.Count == 0 ? null : new NameIndex(await LoadAsync(db, records, ct));
                return new NameSnapshot(current.Index, delta, records);
            }
        }
        var index = new NameIndex(await LoadAsync(db, only: null, ct));
        _base = (index, newest, _time.GetUtcNow());
        ReturnBuildGarbage(index.Count);
        return new NameSnapshot(index, null, new HashSet<(string, long)>());
    }

    /// <summary>
    /// Building the whole index (at 100,000 actors: 200,000 names, a hundred megabytes kept) leaves as much again in
    /// garbage, which the server collector would keep committed as the process's own: the resident set stayed
    /// 200 MB above the index after one search. A whole build happens on the first search and then at most every
    /// few minutes, so one compacting collection that gives the free memory back to the system is worth its pause
    /// (tens of milliseconds). A small index leaves little garbage and is not worth one.
    /// </summary>
    private static void ReturnBuildGarbage(int names)
    {
        if (names >= 50_000)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
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
    // With only set, just those records' names (the delta).
    private static async Task<List<IndexedName>> LoadAsync(VigilDb db, IReadOnlySet<(string Kind, long Id)>? only, CancellationToken ct)
    {
        List<long>? Ids(string kind) => only?.Where(r => r.Kind == kind).Select(r => r.Id).ToList();
        var names = new List<IndexedName>();
        var actorIds = Ids("actor");
        if (actorIds is null or { Count: > 0 })
        {
            var actors = await db.Actors.IgnoreQueryFilters().AsNoTracking().Where(a => actorIds == null || actorIds.Contains(a.Id))
                .Select(a => new { a.Id, a.Name, a.ActorKind }).ToListAsync(ct);
            var schemas = new Dictionary<long, NameSchema>(actors.Count);
            foreach (var a in actors)
            {
                var schema = a.ActorKind == ActorKind.Person ? NameSchema.Person : NameSchema.Organization;
                schemas[a.Id] = schema;
                names.Add(new IndexedName("actor", a.Id, a.Name, true, schema));
            }
            foreach (var a in await db.ActorAliases.IgnoreQueryFilters().AsNoTracking().Where(a => actorIds == null || actorIds.Contains(a.ActorId))
                .Select(a => new { a.ActorId, a.Name }).ToListAsync(ct))
            {
                names.Add(new IndexedName("actor", a.ActorId, a.Name, false, schemas.GetValueOrDefault(a.ActorId)));
            }
        }
        var productIds = Ids("product");
        if (productIds is null or { Count: > 0 })
        {
            foreach (var p in await db.Products.IgnoreQueryFilters().AsNoTracking().Where(p => productIds == null || productIds.Contains(p.Id))
                .Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            {
                names.Add(new IndexedName("product", p.Id, p.Name));
            }
            foreach (var p in await db.ProductAliases.IgnoreQueryFilters().AsNoTracking().Where(p => productIds == null || productIds.Contains(p.ProductId))
                .Select(p => new { p.ProductId, p.Name }).ToListAsync(ct))
            {
                names.Add(new IndexedName("product", p.ProductId, p.Name, false));
            }
        }
        var incidentIds = Ids("incident");
        if (incidentIds is null or { Count: > 0 })
        {
            foreach (var i in await db.Incidents.IgnoreQueryFilters().AsNoTracking().Where(i => incidentIds == null || incidentIds.Contains(i.Id))
                .Select(i => new { i.Id, i.Title }).ToListAsync(ct))
            {
                names.Add(new IndexedName("incident", i.Id, i.Title));
            }
        }
        var measureIds = Ids("measure");
        if (measureIds is null or { Count: > 0 })
        {
            foreach (var m in await db.Measures.IgnoreQueryFilters().AsNoTracking().Where(m => measureIds == null || measureIds.Contains(m.Id))
                .Select(m => new { m.Id, m.Title }).ToListAsync(ct))
            {
                names.Add(new IndexedName("measure", m.Id, m.Title));
            }
        }
        var frameworkIds = Ids("framework");
        if (frameworkIds is null or { Count: > 0 })
        {
            foreach (var f in await db.Frameworks.IgnoreQueryFilters().AsNoTracking().Where(f => frameworkIds == null || frameworkIds.Contains(f.Id))
                .Select(f => new { f.Id, f.Name }).ToListAsync(ct))
            {
                names.Add(new IndexedName("framework", f.Id, f.Name));
            }
        }
        var commitmentIds = Ids("commitment");
        if (commitmentIds is null or { Count: > 0 })
        {
            foreach (var c in await db.Commitments.IgnoreQueryFilters().AsNoTracking().Where(c => commitmentIds == null || commitmentIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Code, c.Text }).ToListAsync(ct))
            {
                names.Add(new IndexedName("commitment", c.Id, c.Code + " " + c.Text));
            }
        }
        return names;
    }
}

/// <summary>
/// The name index as of one data version: a base index, and a small delta index of the records changed
/// since the base was built; the base's entries for those records are masked, so a renamed actor is found
/// by its new name only and a deleted one not at all. Searches both and keeps each record's best hit.
/// </summary>
public sealed class NameSnapshot(NameIndex baseIndex, NameIndex? delta, IReadOnlySet<(string Kind, long Id)> changed)
{
    /// <summary>How many names the snapshot holds (the base's, masked ones included, and the delta's).</summary>
    public int Count => baseIndex.Count + (delta?.Count ?? 0);

    /// <summary>As <see cref="NameIndex.Search"/>, over the base and the delta.</summary>
    public IReadOnlyList<NameHit> Search(
        string query, IReadOnlyCollection<string>? kinds = null, int limit = 20, NameSchema schema = NameSchema.Any, bool prefix = true, double threshold = 0.5)
    {
        var hits = baseIndex.Search(query, kinds, limit, schema, prefix, threshold, changed.Count == 0 ? null : changed);
        if (delta is null)
        {
            return hits;
        }
        return [.. NameIndex.Ranked(hits.Concat(delta.Search(query, kinds, limit, schema, prefix, threshold))).Take(limit)];
    }
}
