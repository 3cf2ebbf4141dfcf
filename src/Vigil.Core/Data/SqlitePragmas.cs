using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Vigil.Data;

/// <summary>
/// Per-connection SQLite settings. WAL itself is persistent and set once at migration; these are not.
/// synchronous=NORMAL is safe under WAL (a crash loses at most the last transactions, never corrupts);
/// busy_timeout lets concurrent writers wait instead of failing. cache_size is 256 KB a connection instead of 2 MB:
/// a server under 64 concurrent readers holds as many pooled connections, each filling its own page cache with
/// the same pages (128 MB of the resident set at 2 MB each); the operating system's page cache holds the file once
/// for all of them, and reads measured no slower.
/// </summary>
/// <remarks>
/// The connection also stays open from a context's first query to its disposal. EF opens and closes it
/// around every query, and each open re-registers EF's SQL functions and reruns these pragmas: about
/// half the cost of a small read. A request is short, so holding its pooled connection is free; outside
/// a transaction an open connection holds no read snapshot, so it does not delay checkpoints either.
/// </remarks>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON; PRAGMA cache_size=-256;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    // Once the close is skipped EF finds the connection open and leaves it alone until the context is
    // disposed, which returns it to the pool.
    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(InterceptionResult.Suppress());
}
