using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Access;
using Vigil.Data;
using Vigil.Model;
using Vigil.Security;
using Microsoft.AspNetCore.Identity;
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

    /// <summary>Extra configuration for the app under test.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [];

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app is not started.");

    public virtual async ValueTask InitializeAsync()
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
                .Concat(ExtraSettings())));
    }

    /// <summary>A context on the app's database for <paramref name="reader"/> (default: system).</summary>
    public VigilDb CreateDb(Reader? reader = null) => Database.CreateContext(reader);

    /// <summary>
    /// Creates an account with <paramref name="roles"/> and <paramref name="clearance"/>, two-factor
    /// authentication marked as set up (so that editor, reviewer and admin roles are in force), and an
    /// API token of <paramref name="scope"/>. Returns the account and the token's secret.
    /// </summary>
    public async Task<(Account Account, string Token)> CreateAccountAsync(
        string userName, IReadOnlyCollection<string> roles, Marking clearance = Marking.Red,
        TokenScope scope = TokenScope.ReadWrite, bool twoFactor = true, string? focalPointCountry = null)
    {
        using var scope_ = Services.CreateScope();
        var sp = scope_.ServiceProvider;
        var result = await sp.GetRequiredService<Accounts>().AddAsync(
            "test", userName, null, TestPassword, roles, clearance, focalPointCountry);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Error);
        }
        var users = sp.GetRequiredService<UserManager<Account>>();
        var account = (await users.FindByNameAsync(userName))!;
        if (twoFactor)
        {
            await users.SetTwoFactorEnabledAsync(account, true);
        }
        var token = await sp.GetRequiredService<ApiTokens>().CreateAsync(account, "tests", scope, TimeSpan.FromDays(1), "test");
        return (account, token.Secret);
    }

    /// <summary>The password every test account gets.</summary>
    public const string TestPassword = "correct horse battery staple";

    /// <summary>A client that calls as the owner of <paramref name="token"/>.</summary>
    public HttpClient CreateClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

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

/// <summary>
/// The app with an editor account ("test-editor": editor role, RED clearance, two-factor on) whose
/// read-write API token every client from <see cref="WebApplicationFactory{T}.CreateClient()"/> sends.
/// </summary>
public abstract class EditorApp : VigilApp
{
    /// <summary>The editor's API token.</summary>
    public string EditorToken { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        if (Kind == DatabaseKind.Postgres && !TestDatabase.PostgresAvailable)
        {
            return;
        }
        (_, EditorToken) = await CreateAccountAsync("test-editor", [Roles.Editor]);
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (EditorToken.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", EditorToken);
        }
    }
}

public sealed class SqliteEditorApp : EditorApp
{
    public override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class PostgresEditorApp : EditorApp
{
    public override DatabaseKind Kind => DatabaseKind.Postgres;
}
