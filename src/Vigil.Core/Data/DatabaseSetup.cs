using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vigil.Access;

namespace Vigil.Data;

/// <summary>Registers the knowledge graph and brings its schema up to date.</summary>
public static class DatabaseSetup
{
    /// <summary>
    /// Adds <see cref="VigilDb"/> on the configured provider, the options (validated at start), and a
    /// <see cref="TimeProvider"/>. The caller registers an <see cref="IReaderAccessor"/>.
    /// </summary>
    public static IServiceCollection AddVigilDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, ValidateObjectOptions>();
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<VigilDb>((sp, o) => Configure(o, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        return services;
    }

    /// <summary>Points <paramref name="builder"/> at the configured database.</summary>
    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        if (options.IsPostgres)
        {
            builder.UseNpgsql(options.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory"));
        }
        else
        {
            var path = options.SqliteConnectionString();
            EnsureFolder(path);
            builder.UseSqlite(path).AddInterceptors(new SqlitePragmas());
        }
        // Queries that load a record with its aliases and identifiers split into one query per collection.
        builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
    }

    /// <summary>Applies pending migrations; on SQLite also switches the file to write-ahead logging.</summary>
    public static async Task MigrateAsync(VigilDb db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (!db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

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
