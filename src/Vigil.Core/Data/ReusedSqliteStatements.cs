using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Vigil.Data;

/// <summary>
/// Keeps the statements SQLite compiled for a connection's queries and runs them again, instead of compiling each
/// query afresh on every execution.
/// </summary>
/// <remarks>
/// EF makes a new command for every execution and Microsoft.Data.Sqlite compiles its SQL (parsing and planning the
/// access rule's joins) each time: a quarter of the server's CPU under the skewed read mix, once the connections
/// themselves were kept (<see cref="KeptOpenSqliteConnection"/>). A context's connection now keeps, for each of up to
/// <see cref="StatementCache.Capacity"/> query texts, an idle command with its compiled statements; the command EF is
/// given (<see cref="ReusingCommand"/>) borrows it for one execution with EF's parameters and gives it back. Only
/// queries (<c>SELECT</c>) are kept: writes, migrations and bulk loads are compiled each time as before. A
/// connection is used by one context, and a context by one request at a time, so nothing here is shared between
/// threads.
/// </remarks>
internal sealed class ReusedSqliteStatements : DbCommandInterceptor
{
    public static readonly ReusedSqliteStatements Instance = new();

    private static readonly ConditionalWeakTable<SqliteConnection, StatementCache> s_caches = new();

    private ReusedSqliteStatements()
    {
    }

    public override InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result) =>
        eventData.Connection is SqliteConnection connection
            ? InterceptionResult<DbCommand>.SuppressWithResult(new ReusingCommand(s_caches.GetValue(connection, static c => new StatementCache(c))))
            : result;

    /// <summary>The compiled queries <paramref name="connection"/> keeps idle now (for tests).</summary>
    internal static int IdleCount(DbConnection connection) =>
        connection is SqliteConnection sqlite && s_caches.TryGetValue(sqlite, out var cache) ? cache.IdleCount : 0;
}

/// <summary>One connection's idle compiled queries, by their SQL.</summary>
internal sealed class StatementCache
{
    /// <summary>
    /// Query texts kept per connection: a page runs up to about twenty, and a server holds a connection per pooled
    /// context (compiled statements take a few kilobytes each).
    /// </summary>
    public const int Capacity = 48;

    private readonly Dictionary<string, SqliteCommand> _idle = new(StringComparer.Ordinal);

    public StatementCache(SqliteConnection connection)
    {
        Connection = connection;
        // A closed connection finalizes its commands' statements: nothing kept may outlive it.
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState != ConnectionState.Open)
            {
                _idle.Clear();
            }
        };
    }

    public SqliteConnection Connection { get; }

    public int IdleCount => _idle.Count;

    /// <summary>A command for <paramref name="sql"/>: the idle one compiled before, else a new one.</summary>
    public SqliteCommand Take(string sql) =>
        _idle.Remove(sql, out var kept) ? kept : new SqliteCommand(sql, Connection);

    /// <summary>Takes <paramref name="command"/> back once its reader is disposed: kept for its SQL, or disposed.</summary>
    public void Return(SqliteCommand command)
    {
        command.Parameters.Clear();
        command.Transaction = null;
        if (command.CommandText.StartsWith("SELECT", StringComparison.Ordinal)
            && Connection.State == ConnectionState.Open
            && _idle.Count < Capacity
            && _idle.TryAdd(command.CommandText, command))
        {
            return;
        }
        command.Dispose();
    }
}

/// <summary>
/// The command EF is given on SQLite: it holds EF's text, parameters and transaction, and runs them on a command
/// borrowed from the connection's <see cref="StatementCache"/> for one execution.
/// </summary>
internal sealed class ReusingCommand(StatementCache cache) : DbCommand
{
    private readonly SqliteCommand _parameterHolder = new();
    private SqliteCommand? _borrowed;
    private SqliteDataReader? _reader;

    [AllowNull]
    public override string CommandText { get; set; } = string.Empty;

    public override int CommandTimeout { get; set; } = 30;

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new ArgumentException("SQLite runs text commands only.", nameof(value));
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => cache.Connection;
        set
        {
            if (value != cache.Connection)
            {
                throw new NotSupportedException("A reusing command stays on the connection it was made for.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => _parameterHolder.Parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
    }

    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        GiveBack();
        _borrowed = Borrow();
        return _reader = _borrowed.ExecuteReader(behavior);
    }

    public override int ExecuteNonQuery()
    {
        var command = Borrow();
        try
        {
            return command.ExecuteNonQuery();
        }
        finally
        {
            cache.Return(command);
        }
    }

    public override object? ExecuteScalar()
    {
        var command = Borrow();
        try
        {
            return command.ExecuteScalar();
        }
        finally
        {
            cache.Return(command);
        }
    }

    private SqliteCommand Borrow()
    {
        var command = cache.Take(CommandText);
        command.Transaction = (SqliteTransaction?)DbTransaction;
        command.CommandTimeout = CommandTimeout;
        foreach (SqliteParameter parameter in _parameterHolder.Parameters)
        {
            command.Parameters.Add(parameter);
        }
        return command;
    }

    // The reader first: a command is kept only with no reader open on it.
    private void GiveBack()
    {
        _reader?.Dispose();
        _reader = null;
        if (_borrowed is not null)
        {
            cache.Return(_borrowed);
            _borrowed = null;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            GiveBack();
            _parameterHolder.Dispose();
        }
        base.Dispose(disposing);
    }
}
