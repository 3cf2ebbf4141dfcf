using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Feeds;

/// <summary>What a feed follows: everything, one kind, one actor, one vendor (an actor and its products), one state (ISO code or slug), or a search.</summary>
public sealed record FeedQuery(string? Kind = null, string? Actor = null, string? State = null, string? Search = null, int Limit = 50, string? Vendor = null)
{
    /// <summary>The kinds a feed can follow, by their URL spelling.</summary>
    public static IReadOnlyDictionary<string, RecordKind> Kinds { get; } = new Dictionary<string, RecordKind>(StringComparer.Ordinal)
    {
        ["actor"] = RecordKind.Actor, ["product"] = RecordKind.Product, ["relationship"] = RecordKind.Relationship,
        ["source"] = RecordKind.Source, ["incident"] = RecordKind.Incident, ["measure"] = RecordKind.Measure,
    };
}

/// <summary>Which revisions a watchlist query looks at: those after <paramref name="After"/> and up to <paramref name="UpTo"/> (null: the newest).</summary>
public sealed record ChangeWindow(long After = 0, long? UpTo = null);

/// <summary>One published change: the record as it reads now, and when and how it changed.</summary>
public sealed record FeedEntry(long RevisionId, string Kind, string Slug, string Title, string Path, DateTime Updated, string Operation, string? Reason, Marking Marking);

/// <summary>A feed: its title, when it last changed, and its entries, newest first.</summary>
public sealed record FeedResult(string Title, DateTime Updated, IReadOnlyList<FeedEntry> Entries);

/// <summary>
/// The published changes a reader may see, newest first, for the Atom feeds. Revisions carry no marking of
/// their own: a revision is listed only when its record is visible through the reader's
/// <see cref="VigilDb"/> (the one access rule) and published, so a feed never carries a hidden or draft
/// record, nor its title. Null when the feed's actor or state does not exist for this reader.
/// </summary>
public sealed class RecentChangesHandler(VigilDb db)
{
    public async Task<FeedResult?> HandleAsync(FeedQuery query, CancellationToken ct = default)
    {
        var kinds = query.Kind is { } k && FeedQuery.Kinds.TryGetValue(k, out var kind) ? [kind] : FeedQuery.Kinds.Values.ToList();
        if (await FollowAsync(query, ct) is not var (title, only))
        {
            return null;
        }
        if (query.Kind is { } named && FeedQuery.Kinds.ContainsKey(named))
        {
            title += $" ({named}s)";
        }
        return await ListAsync(title, kinds, only, new ChangeWindow(), query.Limit, ct);
    }

    /// <summary>
    /// The published changes that any of <paramref name="watches"/> follows, within <paramref name="window"/>,
    /// newest first: a watchlist's inbox, digest and webhooks. A watch on a record this reader cannot see
    /// (or no longer exists) follows nothing; no watches follow nothing.
    /// </summary>
    public async Task<FeedResult> WatchedAsync(IReadOnlyList<FeedQuery> watches, ChangeWindow window, int limit, CancellationToken ct = default)
    {
        var only = new Dictionary<RecordKind, HashSet<long>>();
        var everything = false;
        foreach (var watch in watches)
        {
            if (await FollowAsync(watch, ct) is not var (_, followed))
            {
                continue;
            }
            if (followed is null)
            {
                everything = true;
                continue;
            }
            foreach (var (kind, ids) in followed)
            {
                only.TryAdd(kind, []);
                only[kind].UnionWith(ids);
            }
        }
        var kinds = watches.Count == 1 && watches[0].Kind is { } k && FeedQuery.Kinds.TryGetValue(k, out var one) ? [one] : FeedQuery.Kinds.Values.ToList();
        if (!everything && only.Values.All(ids => ids.Count == 0))
        {
            return new FeedResult("Vigil: your watchlist", DateTime.UnixEpoch, []);
        }
        return await ListAsync("Vigil: your watchlist", kinds, everything ? null : only, window, limit, ct);
    }

    /// <summary>
    /// What one feed follows: its title and the records by kind (null: everything). Null when its actor,
    /// vendor or state does not exist for this reader.
    /// </summary>
    private async Task<(string Title, Dictionary<RecordKind, HashSet<long>>? Only)?> FollowAsync(FeedQuery query, CancellationToken ct)
    {
        var title = "Vigil: published changes";
        // Records a filtered feed follows, by kind; null: no restriction.
        Dictionary<RecordKind, HashSet<long>>? only = null;
        if ((query.Actor ?? query.Vendor) is { } actorSlug)
        {
            var actor = await db.Actors.AsNoTracking().Where(a => a.Slug == actorSlug).Select(a => new { a.Id, a.Name }).FirstOrDefaultAsync(ct);
            if (actor is null)
            {
                return null;
            }
            title = $"Vigil: {actor.Name}";
            only = await AboutActorsAsync([actor.Id], null, ct);
            if (query.Vendor is not null)
            {
                // A vendor's products: what it develops.
                only[RecordKind.Product] = (await db.Relationships
                    .Where(r => r.FromActorId == actor.Id && r.Type == RelationshipType.Develops && r.ToProductId != null)
                    .Select(r => r.ToProductId!.Value).ToListAsync(ct)).ToHashSet();
            }
        }
        else if (query.State is { } state)
        {
            var s = await db.Actors.AsNoTracking().Where(a => a.ActorKind == ActorKind.State && (a.Slug == state || a.Country == state.ToUpperInvariant()))
                .Select(a => new { a.Id, a.Name, a.Country }).FirstOrDefaultAsync(ct);
            if (s is null)
            {
                return null;
            }
            title = $"Vigil: {s.Name}";
            var ids = await db.Actors.AsNoTracking().Where(a => a.Id == s.Id || (s.Country != null && a.Country == s.Country)).Select(a => a.Id).ToListAsync(ct);
            only = await AboutActorsAsync(ids, s.Country, ct);
        }
        else if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var q = query.Search.Trim().ToLowerInvariant();
            title = $"Vigil: “{query.Search.Trim()}”";
            only = new()
            {
                [RecordKind.Actor] = (await db.Actors.Where(a => a.Name.ToLower().Contains(q)).Select(a => a.Id).ToListAsync(ct)).ToHashSet(),
                [RecordKind.Product] = (await db.Products.Where(a => a.Name.ToLower().Contains(q)).Select(a => a.Id).ToListAsync(ct)).ToHashSet(),
                [RecordKind.Source] = (await db.Sources.Where(a => a.Title.ToLower().Contains(q)).Select(a => a.Id).ToListAsync(ct)).ToHashSet(),
                [RecordKind.Incident] = (await db.Incidents.Where(a => a.Title.ToLower().Contains(q)).Select(a => a.Id).ToListAsync(ct)).ToHashSet(),
                [RecordKind.Measure] = (await db.Measures.Where(a => a.Title.ToLower().Contains(q)).Select(a => a.Id).ToListAsync(ct)).ToHashSet(),
            };
        }
        return (title, only);
    }

    private async Task<FeedResult> ListAsync(
        string title, List<RecordKind> kinds, Dictionary<RecordKind, HashSet<long>>? only, ChangeWindow window, int requested, CancellationToken ct)
    {
        var limit = Math.Clamp(requested, 1, 200);
        var entries = new List<FeedEntry>();
        var seen = new HashSet<(RecordKind, long)>();
        long? before = null;
        // Newest revisions first, in pages, until the feed is full: most revisions may be of records the reader cannot see.
        for (var round = 0; round < 20 && entries.Count < limit; round++)
        {
            var revisions = db.Revisions.AsNoTracking().Where(r => kinds.Contains(r.RecordKind) && r.Id > window.After);
            if ((before ?? window.UpTo + 1) is { } b)
            {
                revisions = revisions.Where(r => r.Id < b);
            }
            if (only is not null)
            {
                var a = only.GetValueOrDefault(RecordKind.Actor)?.ToList() ?? [];
                var p = only.GetValueOrDefault(RecordKind.Product)?.ToList() ?? [];
                var rel = only.GetValueOrDefault(RecordKind.Relationship)?.ToList() ?? [];
                var src = only.GetValueOrDefault(RecordKind.Source)?.ToList() ?? [];
                var inc = only.GetValueOrDefault(RecordKind.Incident)?.ToList() ?? [];
                var mea = only.GetValueOrDefault(RecordKind.Measure)?.ToList() ?? [];
                revisions = revisions.Where(r =>
                    (r.RecordKind == RecordKind.Actor && a.Contains(r.RecordId)) || (r.RecordKind == RecordKind.Product && p.Contains(r.RecordId))
                    || (r.RecordKind == RecordKind.Relationship && rel.Contains(r.RecordId)) || (r.RecordKind == RecordKind.Source && src.Contains(r.RecordId))
                    || (r.RecordKind == RecordKind.Incident && inc.Contains(r.RecordId)) || (r.RecordKind == RecordKind.Measure && mea.Contains(r.RecordId)));
            }
            var page = await revisions.OrderByDescending(r => r.Id).Take(limit * 4)
                .Select(r => new { r.Id, r.RecordKind, r.RecordId, r.At, r.Operation, r.Reason }).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }
            before = page[^1].Id;
            var fresh = page.Where(r => seen.Add((r.RecordKind, r.RecordId))).ToList();
            var records = await ResolveAsync(fresh.GroupBy(r => r.RecordKind).ToDictionary(g => g.Key, g => g.Select(r => r.RecordId).ToList()), ct);
            foreach (var r in fresh)
            {
                if (records.TryGetValue((r.RecordKind, r.RecordId), out var rec) && entries.Count < limit)
                {
                    entries.Add(new FeedEntry(r.Id, rec.Kind, rec.Slug, rec.Title, rec.Path, DateTime.SpecifyKind(r.At, DateTimeKind.Utc), r.Operation, r.Reason, rec.Marking));
                }
            }
        }
        return new FeedResult(title, entries.Count > 0 ? entries.Max(e => e.Updated) : DateTime.UnixEpoch, entries);
    }

    private sealed record Resolved(string Kind, string Slug, string Title, string Path, Marking Marking);

    /// <summary>The visible, published records among these ids, as the feed names them.</summary>
    private async Task<Dictionary<(RecordKind, long), Resolved>> ResolveAsync(Dictionary<RecordKind, List<long>> ids, CancellationToken ct)
    {
        var found = new Dictionary<(RecordKind, long), Resolved>();
        const ReviewStatus published = ReviewStatus.Published;
        foreach (var (kind, list) in ids)
        {
            var rows = kind switch
            {
                RecordKind.Actor => await db.Actors.AsNoTracking().Where(x => list.Contains(x.Id) && x.Status == published)
                    .Select(x => new { x.Id, x.Slug, Title = x.Name, x.Marking }).ToListAsync(ct),
                RecordKind.Product => await db.Products.AsNoTracking().Where(x => list.Contains(x.Id) && x.Status == published)
                    .Select(x => new { x.Id, x.Slug, Title = x.Name, x.Marking }).ToListAsync(ct),
                RecordKind.Relationship => await db.Relationships.AsNoTracking().Where(x => list.Contains(x.Id) && x.Status == published)
                    .Select(x => new { x.Id, x.Slug, Title = x.FromActor!.Name + " — " + (x.ToActor != null ? x.ToActor.Name : x.ToProduct!.Name), x.Marking }).ToListAsync(ct),
                RecordKind.Source => await db.Sources.AsNoTracking().Where(x => list.Contains(x.Id) && x.Status == published)
                    .Select(x => new { x.Id, x.Slug, x.Title, x.Marking }).ToListAsync(ct),
                RecordKind.Incident => await db.Incidents.AsNoTracking().Where(x => list.Contains(x.Id) && x.Status == published)
                    .Select(x => new { x.Id, x.Slug, x.Title, x.Marking }).ToListAsync(ct),
                RecordKind.Measure => await db.Measures.AsNoTracking().Where(x => list.Contains(x.Id) && x.Status == published)
                    .Select(x => new { x.Id, x.Slug, x.Title, x.Marking }).ToListAsync(ct),
                _ => throw new ArgumentOutOfRangeException(nameof(ids), kind, "not a kind feeds follow"),
            };
            var label = FeedQuery.Kinds.First(p => p.Value == kind).Key;
            foreach (var r in rows)
            {
                found[(kind, r.Id)] = new Resolved(label, r.Slug, r.Title, $"/{label}s/{r.Slug}", r.Marking);
            }
        }
        return found;
    }

    /// <summary>Records about these actors: themselves, their edges, measures by or against them, incidents they take part in (or in the country).</summary>
    private async Task<Dictionary<RecordKind, HashSet<long>>> AboutActorsAsync(List<long> actors, string? country, CancellationToken ct) => new()
    {
        [RecordKind.Actor] = actors.ToHashSet(),
        [RecordKind.Relationship] = (await db.Relationships.Where(r => actors.Contains(r.FromActorId) || (r.ToActorId != null && actors.Contains(r.ToActorId.Value)))
            .Select(r => r.Id).ToListAsync(ct)).ToHashSet(),
        [RecordKind.Measure] = (await db.Measures.Where(m => actors.Contains(m.AuthorityId) || m.Targets.Any(t => actors.Contains(t.ActorId)))
            .Select(m => m.Id).ToListAsync(ct)).ToHashSet(),
        [RecordKind.Incident] = (await db.Incidents.Where(i => (country != null && i.Country == country) || i.Vendors.Any(v => actors.Contains(v.ActorId))
                || i.Operators.Any(o => actors.Contains(o.ActorId)))
            .Select(i => i.Id).ToListAsync(ct)).ToHashSet(),
    };
}
