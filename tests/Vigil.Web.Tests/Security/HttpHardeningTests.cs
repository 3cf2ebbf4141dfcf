using System.Net;
using FluentAssertions;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Vigil.Web.Infrastructure;
using Vigil.Web.Tests.Account;
using Vigil.Web.Tests.Api;
using Xunit;

namespace Vigil.Web.Tests.Security;

/// <summary>What the pipeline answers whatever the route: no caching for signed-in readers, a ProblemDetails for a URL too long.</summary>
public abstract class HttpHardeningTests<TApp>(TApp app) where TApp : AccountApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnswersToSignedInReaders_AreNeverStored_ByTokenOrByCookie_WhileThePublicsMayBe()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var name = $"reader-{Guid.NewGuid():N}"[..16];
        var (_, token) = await app.CreateAccountAsync(name, [Roles.Reader], Marking.Amber, twoFactor: false);

        var byToken = await app.CreateClient(token).GetAsync("/api/v1/actors", Ct);
        byToken.StatusCode.Should().Be(HttpStatusCode.OK);
        byToken.Headers.CacheControl.Should().Match<System.Net.Http.Headers.CacheControlHeaderValue>(c => c.Private && c.NoStore);

        using var browser = app.CreateSignInClient();
        (await browser.SignInAsync(name)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var api = await browser.GetAsync("/api/v1/actors");
        api.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Headers.CacheControl.Should().Match<System.Net.Http.Headers.CacheControlHeaderValue>(c => c.Private && c.NoStore, "/api/v1/actors");
        // A page with a form: antiforgery's own "no-cache, no-store" gives way to the same rule.
        var page = await browser.GetAsync("/search");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Headers.CacheControl.Should().Match<System.Net.Http.Headers.CacheControlHeaderValue>(c => c.Private && c.NoStore, "/search");

        var anonymous = await app.CreateClient().GetAsync("/api/v1/actors", Ct);
        (anonymous.Headers.CacheControl?.NoStore ?? false).Should().BeFalse("the public's answers hold nothing private");
    }

    [Fact]
    public async Task AUrlTooLong_GetsAProblemDetails414_NamingTheLimit()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var response = await app.CreateClient().GetAsync("/api/v1/actors?q=" + new string('a', HttpHardening.MaxUrlLength), Ct);

        var problem = await response.ShouldBeProblemAsync(414);
        problem["detail"]!.GetValue<string>().Should().Contain(HttpHardening.MaxUrlLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var page = await app.CreateClient().GetAsync("/actors?q=" + new string('a', HttpHardening.MaxUrlLength), Ct);
        page.StatusCode.Should().Be(HttpStatusCode.RequestUriTooLong);
        page.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public void TheShippedSettings_HoldNoUnusedAccessSection()
    {
        // Vigil:Access once promised a default clearance that nothing read: who reads what comes from accounts only.
        var settings = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json"));
        System.Text.Json.JsonDocument.Parse(settings).RootElement.GetProperty("Vigil").TryGetProperty("Access", out _).Should().BeFalse();
    }
}

[Trait("Database", "Sqlite")]
public sealed class SqliteHttpHardeningTests(SqliteAccountApp app) : HttpHardeningTests<SqliteAccountApp>(app), IClassFixture<SqliteAccountApp>;

[Trait("Database", "Postgres")]
public sealed class PostgresHttpHardeningTests(PostgresAccountApp app) : HttpHardeningTests<PostgresAccountApp>(app), IClassFixture<PostgresAccountApp>;

/// <summary>Secrets apart from data: the key ring in its own file, and every file of the database readable by the server's user only.</summary>
[Trait("Database", "Sqlite")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyRingFileTests(SqliteAccountApp app) : IClassFixture<SqliteAccountApp>
{
    [Fact]
    public async Task TheKeyRing_IsAFileOfItsOwn_BesideTheDatabase_AndTheDatabaseAndItsWal_AreMode600()
    {
        var name = $"reader-{Guid.NewGuid():N}"[..16];
        await app.CreateAccountAsync(name, [Roles.Reader], Marking.Clear, twoFactor: false);
        using var browser = app.CreateSignInClient();
        (await browser.SignInAsync(name)).StatusCode.Should().Be(HttpStatusCode.Redirect, "a session cookie needs the key ring");

        var database = Path.GetFullPath(app.Database.Options.Path);
        var keyRing = Path.Combine(Path.GetDirectoryName(database)!, "data-protection-keys.xml");
        File.ReadAllText(keyRing).Should().Contain("masterKey");
        // SQLite removes the WAL when the last connection closes, and other tests of the process clear the
        // connection pools: a connection of our own, in a read, keeps the WAL there while it is checked.
        await using (var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database}"))
        {
            await holder.OpenAsync(TestContext.Current.CancellationToken);
            await using var read = holder.CreateCommand();
            read.CommandText = "SELECT count(*) FROM sqlite_master";
            await read.ExecuteScalarAsync(TestContext.Current.CancellationToken);
            foreach (var file in new[] { keyRing, database, database + "-wal" })
            {
                File.Exists(file).Should().BeTrue(file);
                File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, $"{Path.GetFileName(file)} is the server's alone");
            }
        }
        (await app.InScopeAsync(sp => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SecurityDb>(sp).DataProtectionKeys)))
            .Should().Be(0, "a copy of the database must not hold the means to forge a session");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(database).Concat(File.Exists(database + "-wal") ? File.ReadAllBytes(database + "-wal") : []).ToArray();
        System.Text.Encoding.Latin1.GetString(bytes).Should().NotContain("masterKey");
    }
}
