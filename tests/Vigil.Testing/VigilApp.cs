using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Access;
using Vigil.Data;
using Xunit;

namespace Vigil.Testing;

/// <summary>
/// The real web app over a throwaway database, started the way a user starts it: migrations and the
/// starter dataset run on first start. One per test class (a class fixture); tests that write should
/// create their own records rather than change starter ones.
/// </summary>
public abstract class VigilApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;

    public abstract DatabaseKind Kind { get; }

    /// <summary>Load the starter dataset on start (default true).</summary>
    protected virtual bool Seed => true;

    /// <summary>The configured reader: by default the anonymous public.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> AccessSettings() => [];

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app is not started.");

    public async ValueTask InitializeAsync()
    {
        if (Kind == DatabaseKind.Postgres && !TestDatabase.PostgresAvailable)
        {
            return; // each test skips (or fails in CI) through TestDatabase.RequireAvailable
        }
        _database = await TestDatabase.CreateAsync(Kind);
        // Starting the server runs migrations and seeding, as on a user's first start.
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(
            Database.Settings()
                .Append(new("Vigil:Database:SeedOnStart", Seed ? "true" : "false"))
                .Concat(AccessSettings())));
    }

    /// <summary>A context on the app's database for <paramref name="reader"/> (default: system).</summary>
    public VigilDb CreateDb(Reader? reader = null) => Database.CreateContext(reader);

    /// <summary>Runs <paramref name="work"/> in a request-like scope of the app.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp : VigilApp
{
    public override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class PostgresApp : VigilApp
{
    public override DatabaseKind Kind => DatabaseKind.Postgres;
}

/// <summary>A local editor who sees everything up to RED, drafts included, and may write through the API.</summary>
public abstract class EditorApp : VigilApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> AccessSettings() =>
    [
        new("Vigil:Access:Clearance", "RED"),
        new("Vigil:Access:SeesUnpublished", "true"),
        new("Vigil:Access:CanEdit", "true"),
    ];
}

public sealed class SqliteEditorApp : EditorApp
{
    public override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class PostgresEditorApp : EditorApp
{
    public override DatabaseKind Kind => DatabaseKind.Postgres;
}
