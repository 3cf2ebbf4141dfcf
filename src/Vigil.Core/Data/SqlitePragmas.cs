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
/// They run once per connection: a context keeps its connection open from its first query to its disposal
/// (<see cref="KeptOpenSqliteConnection"/>).
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
}
