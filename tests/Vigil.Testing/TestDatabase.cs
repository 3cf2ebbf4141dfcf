using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vigil.Access;
using Vigil.Data;
using Xunit;

namespace Vigil.Testing;

/// <summary>The databases a test body runs on.</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A throwaway database: a temporary SQLite file, or a fresh database on the PostgreSQL server named
/// by the environment variable <c>VIGIL_TEST_POSTGRES</c> (an Npgsql connection string to an admin
/// database, e.g. <c>Host=127.0.0.1;Port=55432;Username=app;Database=postgres</c>). scripts/test starts
/// such a server; without it PostgreSQL tests are skipped locally and fail in CI.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string PostgresVariable = "VIGIL_TEST_POSTGRES";
    private static int s_counter;
    private readonly string? _sqliteFolder;
    private readonly string? _adminConnectionString;
    private readonly string? _databaseName;

    private TestDatabase(DatabaseKind kind, DatabaseOptions options, string? sqliteFolder, string? admin, string? databaseName)
    {
        Kind = kind;
        Options = options;
        _sqliteFolder = sqliteFolder;
        _adminConnectionString = admin;
        _databaseName = databaseName;
    }

    public DatabaseKind Kind { get; }

    /// <summary>The settings that point Vigil at this database.</summary>
    public DatabaseOptions Options { get; }

    /// <summary>Whether PostgreSQL tests can run here.</summary>
    public static bool PostgresAvailable => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable));

    /// <summary>Skips the calling test when its database is not configured (locally); fails in CI.</summary>
    public static void RequireAvailable(DatabaseKind kind)
    {
        if (kind == DatabaseKind.Postgres && !PostgresAvailable)
        {
            if (Environment.GetEnvironmentVariable("CI") is "true" or "1")
            {
                throw new InvalidOperationException($"{PostgresVariable} is not set: CI must run the PostgreSQL tests (use scripts/test).");
            }
            Assert.Skip($"PostgreSQL tests need {PostgresVariable}; scripts/test starts a throwaway server and sets it.");
        }
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind)
    {
        var n = Interlocked.Increment(ref s_counter);
        // The folder also holds the target key file, so no test writes keys into the user's app data.
        var folder = Path.Combine(Path.GetTempPath(), "vigil-tests", $"{Environment.ProcessId}-{n}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (kind == DatabaseKind.Sqlite)
        {
            var options = new DatabaseOptions { Provider = "sqlite", Path = Path.Combine(folder, "vigil.db") };
            return new TestDatabase(kind, options, folder, null, null);
        }
        var admin = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
        var name = $"vigil_test_{Environment.ProcessId}_{n}_{Guid.NewGuid():N}";
        name = name[..Math.Min(name.Length, 60)];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await cmd.ExecuteNonQueryAsync();
        }
        var csb = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true };
        var pg = new DatabaseOptions { Provider = "postgres", ConnectionString = csb.ConnectionString };
        return new TestDatabase(kind, pg, folder, admin, name);
    }

    /// <summary>A context on this database for <paramref name="reader"/> (the system reader by default).</summary>
    public VigilDb CreateContext(Reader? reader = null, TimeProvider? clock = null)
    {
        var builder = new DbContextOptionsBuilder<VigilDb>();
        DatabaseSetup.Configure(builder, Options);
        return VigilDb.For(builder.Options, reader ?? Reader.System("test"), clock);
    }

    /// <summary>Creates the schema with the real migrations.</summary>
    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await DatabaseSetup.MigrateAsync(db);
    }

    /// <summary>The target key file of this database (in its throwaway folder).</summary>
    public string TargetKeyFile => Path.Combine(_sqliteFolder!, "target-keys.json");

    /// <summary>The configuration keys that point the web app or CLI at this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new("Vigil:Database:Provider", Options.Provider);
        yield return new("Vigil:Database:Path", Options.Path);
        yield return new("Vigil:Database:ConnectionString", Options.ConnectionString);
        yield return new("Vigil:Protection:TargetKeyFile", TargetKeyFile);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a pooled connection: the temp folder is cleaned by the OS.
            }
        }
        if (_adminConnectionString is not null && _databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
