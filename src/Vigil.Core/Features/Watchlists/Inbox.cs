using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Feeds;
using Vigil.Security;

namespace Vigil.Features.Watchlists;

/// <summary>
/// A person's inbox: the published changes touching what they watch. <paramref name="SeenRevisionId"/> is
/// where they last marked it read; <paramref name="Entries"/> are the changes after it (or the most recent
/// ones, read or not, when all were asked for), newest first.
/// </summary>
public sealed record InboxResult(IReadOnlyList<FeedEntry> Entries, long SeenRevisionId, DateTime? SeenAt, int Watches)
{
    /// <summary>The newest revision listed: what "mark as read" moves the mark to.</summary>
    public long NewestRevisionId => Entries.Count == 0 ? SeenRevisionId : Math.Max(SeenRevisionId, Entries.Max(e => e.RevisionId));
}

/// <summary>
/// Reads a person's inbox through their own reader (the <see cref="VigilDb"/> of the request, so the one
/// access rule decides what they see), and marks it read up to a revision.
/// </summary>
public sealed class InboxHandler(SecurityDb security, VigilDb db)
{
    public const int Limit = 200;

    public async Task<InboxResult> HandleAsync(long accountId, bool all = false, CancellationToken ct = default)
    {
        var mark = await security.InboxMarks.AsNoTracking().FirstOrDefaultAsync(m => m.AccountId == accountId, ct);
        var queries = await WatchlistHandler.QueriesAsync(security, accountId, ct);
        var seen = mark?.SeenRevisionId ?? 0;
        var result = await new RecentChangesHandler(db).WatchedAsync(queries, new ChangeWindow(all ? 0 : seen), all ? 50 : Limit, ct);
        return new InboxResult(result.Entries, seen, mark?.SeenAt, queries.Count);
    }

    /// <summary>Marks the inbox read up to <paramref name="revisionId"/> (never backwards).</summary>
    public async Task MarkReadAsync(long accountId, long revisionId, TimeProvider clock, CancellationToken ct = default)
    {
        var mark = await security.InboxMarks.FirstOrDefaultAsync(m => m.AccountId == accountId, ct);
        if (mark is null)
        {
            security.InboxMarks.Add(mark = new InboxMark { AccountId = accountId });
        }
        if (revisionId > mark.SeenRevisionId)
        {
            mark.SeenRevisionId = revisionId;
            mark.SeenAt = clock.GetUtcNow().UtcDateTime;
        }
        await security.SaveChangesAsync(ct);
        security.ChangeTracker.Clear();
    }
}
