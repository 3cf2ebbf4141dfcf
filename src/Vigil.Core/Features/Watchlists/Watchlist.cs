using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Security;

namespace Vigil.Features.Watchlists;

/// <summary>
/// One watch as its owner's list shows it. <paramref name="Label"/> is the record's name as the person's
/// reader sees it now; a watched record they can no longer see is labelled so, without its slug or name.
/// </summary>
public sealed record WatchView(long Id, string Kind, string Value, string Label, string? Path, bool Visible, DateTime CreatedAt);

/// <summary>A person's watchlist, labelled through their own reader (the request's <see cref="VigilDb"/>).</summary>
public sealed class WatchlistHandler(SecurityDb security, VigilDb db)
{
    public async Task<IReadOnlyList<WatchView>> HandleAsync(long accountId, CancellationToken ct = default)
    {
        var watches = await security.Watches.AsNoTracking().Where(w => w.AccountId == accountId).OrderBy(w => w.Kind).ThenBy(w => w.Value).ToListAsync(ct);
        var slugs = watches.Where(w => w.Kind != WatchKind.Search).Select(w => w.Value).ToList();
        var names = await db.Actors.AsNoTracking().Where(a => slugs.Contains(a.Slug)).Select(a => new { a.Slug, a.Name }).ToDictionaryAsync(a => a.Slug, a => a.Name, ct);
        return watches.Select(w => w.Kind == WatchKind.Search
                ? new WatchView(w.Id, "search", w.Value, $"“{w.Value}”", "/search?q=" + Uri.EscapeDataString(w.Value), true, w.CreatedAt)
                : names.TryGetValue(w.Value, out var name)
                    ? new WatchView(w.Id, WatchKinds.Name(w.Kind), w.Value, name, "/actors/" + w.Value, true, w.CreatedAt)
                    : new WatchView(w.Id, WatchKinds.Name(w.Kind), "", "a record you cannot see now", null, false, w.CreatedAt))
            .ToList();
    }

    /// <summary>The feed queries of a person's watches (for the inbox, digest and webhooks).</summary>
    public static async Task<IReadOnlyList<Feeds.FeedQuery>> QueriesAsync(SecurityDb security, long accountId, CancellationToken ct) =>
        (await security.Watches.AsNoTracking().Where(w => w.AccountId == accountId).Select(w => new { w.Kind, w.Value }).ToListAsync(ct))
            .Select(w => WatchKinds.Query(w.Kind, w.Value)).ToList();
}
