using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Vigil.Access;
using Vigil.Data;
using Vigil.Features;
using Vigil.Features.Import;
using Vigil.Security;

namespace Vigil.Cli.Commands;

/// <summary>
/// The services of a maintenance verb: configuration as the server reads it (appsettings,
/// environment, --database), the database, and the handlers, acting as the system reader.
/// </summary>
internal static class CliHost
{
    public static IHost Build(ParseResult parse, CliConsole? console = null, Reader? reader = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = false,
        });
        builder.Configuration.AddInMemoryCollection(console?.Settings ?? []);
        if (parse.GetValue(VigilCommand.Database) is { } path)
        {
            builder.Configuration["Vigil:Database:Provider"] = "sqlite";
            builder.Configuration["Vigil:Database:Path"] = path;
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
        builder.Services.AddVigilDatabase();
        builder.Services.AddVigilFeatures();
        builder.Services.AddVigilAccounts();
        builder.Services.AddSingleton<IReaderAccessor>(new FixedReaderAccessor(reader ?? Reader.System(console?.Actor ?? "cli:" + Environment.UserName)));
        return builder.Build();
    }

    /// <summary>A refused import: every error, one a line, and exit code 1 (nothing was written).</summary>
    public static async Task<int> RejectedAsync(TextWriter error, string target, ImportRejectedException e)
    {
        await error.WriteLineAsync($"{target}: {e.Errors.Count} error(s); nothing was written.");
        foreach (var problem in e.Errors)
        {
            await error.WriteLineAsync(problem.ToString());
        }
        return VigilCommand.ExitCodes.InvalidInput;
    }

    /// <summary>Runs <paramref name="work"/> with a scope, turning configuration and connection failures into exit code 3.</summary>
    public static Task<int> RunAsync(ParseResult parse, TextWriter error, Func<IServiceProvider, Task<int>> work) =>
        RunAsync(parse, new CliConsole { Output = TextWriter.Null, Error = error }, work);

    /// <summary>As <see cref="RunAsync(ParseResult, TextWriter, Func{IServiceProvider, Task{int}})"/>, with the console's settings.</summary>
    public static async Task<int> RunAsync(ParseResult parse, CliConsole console, Func<IServiceProvider, Task<int>> work, Reader? reader = null)
    {
        var error = console.Error;
        try
        {
            using var host = Build(parse, console, reader);
            _ = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            using var scope = host.Services.CreateScope();
            var exit = await work(scope.ServiceProvider);
            await FoldWriteAheadLogAsync(scope.ServiceProvider);
            return exit;
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync("Configuration error: " + string.Join("; ", e.Failures));
            return VigilCommand.ExitCodes.Configuration;
        }
        catch (Exception e) when (e is NpgsqlException or Microsoft.Data.Sqlite.SqliteException or TimeoutException)
        {
            await error.WriteLineAsync("Database error: " + e.Message);
            return VigilCommand.ExitCodes.Configuration;
        }
    }

    /// <summary>
    /// On SQLite, copies what the command wrote from the write-ahead log (vigil.db-wal) into the database file, so that
    /// a copy of vigil.db alone holds it. SQLite does so by itself when the last connection to the file closes, which a
    /// command could count on while EF closed its connection after every query; since contexts keep theirs open
    /// (KeptOpenSqliteConnection), commands were seen to end with their writes still in the log (read back by the next
    /// open, but missed by a backup that copies vigil.db alone). Folding it here does not depend on which connection
    /// closes last.
    /// </summary>
    private static async Task FoldWriteAheadLogAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<VigilDb>();
        if (!db.IsPostgres && db.Database.CurrentTransaction is null)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }
    }

    /// <summary>Applies migrations, so that every verb works on a fresh database file.</summary>
    public static async Task MigrateAsync(IServiceProvider services) =>
        await DatabaseSetup.MigrateAsync(services.GetRequiredService<VigilDb>());
}
