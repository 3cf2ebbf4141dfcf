using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Vigil.Web.Infrastructure;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// Vigil served by a real Kestrel on 127.0.0.1 (a random port) over a throwaway SQLite database holding
/// <see cref="TestGraph"/>, and a headless Debian Chromium driven by Playwright (no browser download).
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    private TestDatabase? _database;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The browser; every context it opens is checked for accessibility when it closes (see <see cref="Accessibility"/>).</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The accessibility check under every context of <see cref="Browser"/>.</summary>
    public Accessibility Accessibility { get; private set; } = null!;

    private IBrowser _chromium = null!;

    /// <summary>The app's services, e.g. to create accounts.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The app is not started.");

    /// <summary>The app's database (to arrange records as the operator would).</summary>
    public TestDatabase Database => _database!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        // Every person in the browser tests signs in from 127.0.0.1; the per-address sign-in limit
        // (tested on its own in RateLimitedApp) would otherwise answer 429 to the later journeys.
        var settings = _database.Settings()
            .Append(new("Vigil:Database:SeedOnStart", "false"))
            .Append(new("Vigil:Web:SignInAttemptsPerMinute", "10000"));
        _app = VigilWebHost.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(settings);
        });
        await _app.PrepareDatabaseAsync();
        // A fixed clock keeps "last changed" stable, so docs/screenshot.png only changes when the page does.
        await using (var db = _database.CreateContext(clock: new ManualClock(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero))))
        {
            await TestGraph.SeedAsync(db);
        }
        await _app.StartAsync();
        BaseUrl = _app.Urls.First();

        _playwright = await Playwright.CreateAsync();
        _chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("VIGIL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Accessibility = new Accessibility(() => _chromium);
        Browser = Accessibility.Watch(_chromium, BaseUrl);
    }

    /// <summary>
    /// A new account with <paramref name="roles"/> (two-factor on, RED clearance), as the operator would add it, and a
    /// read-write API token for it: a browser context sends the token (<see cref="ContextAsync"/>) instead of signing in.
    /// </summary>
    public async Task<(string Name, string Token)> AccountAsync(
        string[] roles, string? focalPoint = null, bool victimData = false, string prefix = "browser", CancellationToken ct = default)
    {
        using var scope = Services.CreateScope();
        var sp = scope.ServiceProvider;
        var name = $"{prefix}-{roles[0]}-{Guid.NewGuid().ToString("N")[..8]}";
        var accounts = sp.GetRequiredService<Accounts>();
        var added = await accounts.AddAsync("test", name, null, VigilApp.TestPassword, roles, Marking.Red, focalPoint, ct);
        added.Succeeded.Should().BeTrue(added.Error);
        if (victimData)
        {
            (await accounts.SetVictimDataAsync("test", name, true, ct)).Succeeded.Should().BeTrue();
        }
        var users = sp.GetRequiredService<UserManager<Vigil.Security.Account>>();
        var account = (await users.FindByNameAsync(name))!;
        await users.SetTwoFactorEnabledAsync(account, true);
        return (name, (await sp.GetRequiredService<ApiTokens>().CreateAsync(account, "browser", TokenScope.ReadWrite, TimeSpan.FromDays(1), "test", ct)).Secret);
    }

    /// <summary>A browser context on the app, reading as the holder of <paramref name="token"/> (the public when null).</summary>
    public async Task<IBrowserContext> ContextAsync(string? token) =>
        await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ExtraHTTPHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        });

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
