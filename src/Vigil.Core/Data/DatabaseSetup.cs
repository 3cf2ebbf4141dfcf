using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vigil.Security;

namespace Vigil.Data;

/// <summary>Registers the knowledge graph and brings its schema up to date.</summary>
public static class DatabaseSetup
{
    /// <summary>
    /// Adds <see cref="VigilDb"/> on the configured provider, the options (validated at start), and a
    /// <see cref="TimeProvider"/>. The caller registers an <see cref="Access.IReaderAccessor"/>.
    /// </summary>
    public static IServiceCollection AddVigilDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, ValidateObjectOptions>();
        services.AddSingleton(TimeProvider.System);
        // Contexts are pooled: a request takes one that is built already (its services resolved, and on SQLite its
        // connection open, with EF's SQL functions and the pragmas in place: KeptOpenSqliteConnection) instead of
        // building one. A fresh context and connection cost about 360 µs of CPU a request on top of a 114 µs query
        // (vigil-bench reads … one-small-query against one-context). The graph's context is leased with the request's
        // reader, and forgets it when it goes back (VigilDb.ReadingAs).
        services.AddPooledDbContextFactory<VigilDb>((sp, o) => Configure(o, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value), PoolSize);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<VigilDb>>().CreateDbContext()
            .ReadingAs(sp.GetRequiredService<Access.IReaderAccessor>().Current, sp.GetRequiredService<TimeProvider>()));
        services.AddDbContextPool<SecurityDb>((sp, o) =>
            Configure(o, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, SecurityDb.MigrationsHistoryTable), PoolSize);
        return services;
    }

    /// <summary>
    /// Contexts kept for reuse per kind: about the connections a busy server holds at once (64 in the load tests). On
    /// SQLite each holds its connection open (KeptOpenSqliteConnection), with a 256 KB page cache (SqlitePragmas) and up to 48
    /// compiled queries (ReusedSqliteStatements).
    /// </summary>
    public const int PoolSize = 96;

    /// <summary>Points <paramref name="builder"/> at the configured database.</summary>
    /// <param name="builder">The options of the context being configured.</param>
    /// <param name="options">Where the database is.</param>
    /// <param name="historyTable">The migrations history of this context: the knowledge graph and the
    /// security tables (<see cref="SecurityDb"/>) share one database, each with its own history.</param>
    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string historyTable = "__EFMigrationsHistory")
    {
        // A list in a query (ids.Contains(x.Id): the screening's and the pages' batch loads) goes to the database as one
        // array parameter (json_each on SQLite, = ANY on PostgreSQL). EF's default, one parameter per element, makes
        // SQL that differs with the list's length and is generated afresh, under a lock, on every execution: a
        // profile of screening under load spent a sixth of its time there, and an id-list query cost 2.5× a plain one.
        if (options.IsPostgres)
        {
            builder.UseNpgsql(options.PostgresConnectionString(), npgsql => npgsql.MigrationsHistoryTable(historyTable)
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        }
        else
        {
            var path = options.SqliteConnectionString();
            EnsureFolder(path);
#pragma warning disable EF1001 // The SQLite provider's connection service is internal API (KeptOpenSqliteConnection says why).
            builder.UseSqlite(path, sqlite => sqlite.MigrationsHistoryTable(historyTable)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(new SqlitePragmas(), ReusedSqliteStatements.Instance)
                .ReplaceService<Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal.ISqliteRelationalConnection, KeptOpenSqliteConnection>();
#pragma warning restore EF1001
        }
        // Each context's own settings live here, not in its OnConfiguring: a pooled context may not change its options.
        if (builder.Options.ContextType == typeof(SecurityDb))
        {
            // Identity's stores change what they read: the security tables are read tracked.
            builder.UseQueryTrackingBehavior(QueryTrackingBehavior.TrackAll);
        }
        else
        {
            // The graph is read far more than written: untracked unless a use case asks (AsTracking).
            builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        }
        if (builder.Options.ContextType == typeof(VigilDb))
        {
            // A committed transaction moves the data version (the caches of what readers see).
            builder.AddInterceptors(CommitsMoveDataVersion.Instance);
        }
    }

    /// <summary>
    /// Applies pending migrations of the knowledge graph and of the security tables; on SQLite also
    /// switches the file to write-ahead logging.
    /// </summary>
    public static async Task MigrateAsync(VigilDb db, CancellationToken ct = default)
    {
        var pending = await db.Database.GetPendingMigrationsAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (pending.Contains(Migrations.ScreeningLists.Id))
        {
            // The data half of that migration: SDN entries outside the tracked programmes leave the graph (with their history).
            await Features.Sanctions.ListEntryMove.RunAsync(db, new Features.Screening.ScreeningOptions().Tracked(), TimeProvider.System, ct);
        }
        if (!db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await using var security = CreateSecurityDb(db);
        await security.Database.MigrateAsync(ct);
    }

    /// <summary>A <see cref="SecurityDb"/> on the same database as <paramref name="db"/> (for the CLI and migrations).</summary>
    public static SecurityDb CreateSecurityDb(VigilDb db) => CreateSecurityDb(OptionsOf(db));

    /// <summary>A <see cref="SecurityDb"/> on the database <paramref name="options"/> name.</summary>
    public static SecurityDb CreateSecurityDb(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<SecurityDb>();
        Configure(builder, options, SecurityDb.MigrationsHistoryTable);
        return new SecurityDb(builder.Options);
    }

    private static DatabaseOptions OptionsOf(VigilDb db) => new()
    {
        Provider = db.IsPostgres ? "postgres" : "sqlite",
        ConnectionString = db.Database.GetConnectionString(),
    };

    /// <summary>
    /// Refreshes the planner's statistics after a bulk load. Without them PostgreSQL plans the access
    /// rule's joins for empty tables and a list query can take tens of seconds instead of milliseconds.
    /// </summary>
    public static async Task RefreshStatisticsAsync(VigilDb db, CancellationToken ct = default) =>
        await db.Database.ExecuteSqlRawAsync(db.IsPostgres ? "ANALYZE;" : "PRAGMA optimize;", ct);

    private static void EnsureFolder(string connectionString)
    {
        var csb = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (csb.Mode is Microsoft.Data.Sqlite.SqliteOpenMode.Memory || csb.DataSource is "" or ":memory:")
        {
            return;
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
        // The database holds unpublished work and the audit log: created mode 600 before SQLite opens it
        // (SQLite gives its WAL and shared-memory files the database file's mode).
        if (csb.Mode is not Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly && !csb.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            PrivateFiles.EnsureOwnerOnly(Path.GetFullPath(csb.DataSource));
        }
    }

    /// <summary>Runs <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> checks that DataAnnotations validation skips.</summary>
    private sealed class ValidateObjectOptions : IValidateOptions<DatabaseOptions>
    {
        public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
        {
            var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage!).ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
