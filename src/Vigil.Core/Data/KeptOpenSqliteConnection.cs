using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace Vigil.Data;

/// <summary>
/// A context's SQLite connection, opened at its first query and closed only when the context itself is disposed
/// (and then returned to Microsoft.Data.Sqlite's pool), not around every query and not when a pooled context goes
/// back to the context pool.
/// </summary>
/// <remarks>
/// EF closes a connection it opened after each query, and the context pool closes it again on every return (its
/// reset calls <see cref="CloseDbConnection"/> directly, past any interceptor). Each reopening takes Microsoft.Data.Sqlite's pool
/// lock twice, registers EF's SQL functions on the native handle again (whose hooks the finalizer then releases)
/// and reruns the pragmas (<see cref="SqlitePragmas"/>). A profile of the skewed read mix at 64 connections found a
/// sixth of the server's CPU spinning on that one lock. A pooled context keeps its connection instead: outside a
/// transaction an open SQLite connection holds no snapshot and no lock, so it delays neither writers nor checkpoints.
/// </remarks>
#pragma warning disable EF1001 // The SQLite provider's connection is internal API: this subclass changes only when it closes.
internal sealed class KeptOpenSqliteConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
{
    // A broken connection is closed so that the next open makes a new one; any other close is left to the disposal.
    protected override void CloseDbConnection()
    {
        if (DbConnection.State == ConnectionState.Broken)
        {
            base.CloseDbConnection();
        }
    }

    protected override Task CloseDbConnectionAsync() =>
        DbConnection.State == ConnectionState.Broken ? base.CloseDbConnectionAsync() : Task.CompletedTask;
}
#pragma warning restore EF1001
