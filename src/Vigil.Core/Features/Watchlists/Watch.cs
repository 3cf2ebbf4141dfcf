using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Features.Watchlists;

/// <summary>The outcome of a change to a watchlist or webhook: done (with the row's id), or the field that is wrong and why.</summary>
public sealed record WatchlistResult(bool Succeeded, long? Id = null, string? Field = null, string? Error = null)
{
    public static WatchlistResult Ok(long id) => new(true, id);

    public static WatchlistResult Fail(string field, string error) => new(false, null, field, error);
}

/// <summary>Kinds of watch by their spelling in URLs, forms and the CLI.</summary>
public static class WatchKinds
{
    public static IReadOnlyDictionary<string, WatchKind> ByName { get; } = new Dictionary<string, WatchKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["actor"] = WatchKind.Actor, ["state"] = WatchKind.State, ["vendor"] = WatchKind.Vendor, ["search"] = WatchKind.Search,
    };

    public static string Name(WatchKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The feed query a watch follows.</summary>
    public static Feeds.FeedQuery Query(WatchKind kind, string value) => kind switch
    {
        WatchKind.Actor => new(Actor: value),
        WatchKind.State => new(State: value),
        WatchKind.Vendor => new(Vendor: value),
        _ => new(Search: value),
    };

    /// <summary>The watch kind that fits an actor: a state, a vendor (a company) or any other actor.</summary>
    public static WatchKind ForActor(ActorKind kind) => kind switch
    {
        ActorKind.State => WatchKind.State,
        ActorKind.Company => WatchKind.Vendor,
        _ => WatchKind.Actor,
    };
}

/// <summary>
/// Adds a watch to a person's watchlist: an actor, state or vendor (by slug, which must name such a
/// record the person can see, through their own reader) or a search (its words). Watching twice is one watch.
/// </summary>
public sealed class WatchHandler(SecurityDb security, VigilDb db, TimeProvider clock)
{
    /// <summary>At most this many watches per person: the inbox reads them all on every look.</summary>
    public const int MaxWatches = 200;

    public async Task<WatchlistResult> HandleAsync(long accountId, string? kind, string? value, CancellationToken ct = default)
    {
        if (kind is null || !WatchKinds.ByName.TryGetValue(kind.Trim(), out var watchKind))
        {
            return WatchlistResult.Fail("kind", "kind is one of actor, state, vendor or search.");
        }
        var text = value?.Trim() ?? "";
        if (text.Length is 0 or > 200)
        {
            return WatchlistResult.Fail("value", watchKind == WatchKind.Search ? "Give the words to watch (at most 200 characters)." : "Give the slug of the record to watch.");
        }
        if (watchKind != WatchKind.Search)
        {
            var actor = await db.Actors.AsNoTracking().Where(a => a.Slug == text).Select(a => new { a.ActorKind }).FirstOrDefaultAsync(ct);
            if (actor is null)
            {
                return WatchlistResult.Fail("value", $"There is no actor '{text}'.");
            }
            if (watchKind == WatchKind.State && actor.ActorKind != ActorKind.State)
            {
                return WatchlistResult.Fail("value", $"'{text}' is not a state.");
            }
            if (watchKind == WatchKind.Vendor && actor.ActorKind != ActorKind.Company)
            {
                return WatchlistResult.Fail("value", $"'{text}' is not a company.");
            }
        }
        if (await security.Watches.AsNoTracking().FirstOrDefaultAsync(w => w.AccountId == accountId && w.Kind == watchKind && w.Value == text, ct) is { } existing)
        {
            return WatchlistResult.Ok(existing.Id);
        }
        if (await security.Watches.CountAsync(w => w.AccountId == accountId, ct) >= MaxWatches)
        {
            return WatchlistResult.Fail("value", $"A watchlist holds at most {MaxWatches} watches; remove one first.");
        }
        var watch = new Watch { AccountId = accountId, Kind = watchKind, Value = text, CreatedAt = clock.GetUtcNow().UtcDateTime };
        security.Watches.Add(watch);
        // The first watch starts the inbox now, not at the beginning of history.
        if (!await security.InboxMarks.AnyAsync(m => m.AccountId == accountId, ct))
        {
            var newest = await db.Revisions.MaxAsync(r => (long?)r.Id, ct) ?? 0;
            security.InboxMarks.Add(new InboxMark { AccountId = accountId, SeenRevisionId = newest, DigestRevisionId = newest });
        }
        await security.SaveChangesAsync(ct);
        security.ChangeTracker.Clear();
        return WatchlistResult.Ok(watch.Id);
    }
}

/// <summary>Removes one of a person's watches; false when they have no such watch.</summary>
public sealed class UnwatchHandler(SecurityDb security)
{
    public async Task<bool> HandleAsync(long accountId, long watchId, CancellationToken ct = default) =>
        await security.Watches.Where(w => w.Id == watchId && w.AccountId == accountId).ExecuteDeleteAsync(ct) > 0;
}
