using FluentAssertions;
using Vigil.Model;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>
/// The cache of what the anonymous public reads: served again without the database, never stale after a
/// change, never shared with a reader who signed in or holds a token, never a page with a form.
/// </summary>
public abstract class PublicReadCacheTests(VigilApp editor)
{
    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    /// <summary>
    /// Reads twice until the second answer comes from the cache. Tests in other collections write at the
    /// same time, and any write anywhere in this process moves the data version between two reads.
    /// </summary>
    private static async Task<HttpResponseMessage> EventuallyCachedAsync(HttpClient client, string url)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            (await client.GetAsync(url, Ct)).EnsureSuccessStatusCode();
            var again = await client.GetAsync(url, Ct);
            if (FromCache(again))
            {
                return again;
            }
        }
        throw new Xunit.Sdk.XunitException($"{url} was never answered from the cache");
    }

    [Fact]
    public async Task AnonymousReads_AreServedFromTheCache_AndAChangeIsSeenAtOnce()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var anonymous = editor.Anonymous();
        const string url = "/api/v1/stats";

        var cached = await EventuallyCachedAsync(anonymous, url);
        var before = (await cached.ReadJsonAsync())["actorsByKind"]!["company"]!.GetValue<int>();

        var slug = Unique("cache-probe");
        await editor.AddActorAsync(slug, name: "Cache Probe " + slug);

        var after = await anonymous.GetAsync(url, Ct);
        FromCache(after).Should().BeFalse("a change makes every older entry unreachable");
        (await after.ReadJsonAsync())["actorsByKind"]!["company"]!.GetValue<int>().Should().BeGreaterThan(before);
        var page = await EventuallyCachedAsync(anonymous, $"/actors/{slug}");
        (await page.Content.ReadAsStringAsync(Ct)).Should().Contain("Cache Probe " + slug, "pages are cached too");
    }

    [Fact]
    public async Task ReadersWhoSignedIn_NeverShareTheCache_AndPagesWithFormsAreNotStored()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var anonymous = editor.Anonymous();
        var withToken = editor.CreateClient();
        var slug = Unique("cache-draft");
        await editor.AddActorAsync(slug, name: "Cache Draft " + slug, status: ReviewStatus.Draft);

        // The editor reads the draft twice: neither answer is stored, so the public never gets it.
        (await withToken.GetAsync($"/api/v1/actors/{slug}", Ct)).EnsureSuccessStatusCode();
        var again = await withToken.GetAsync($"/api/v1/actors/{slug}", Ct);
        again.EnsureSuccessStatusCode();
        FromCache(again).Should().BeFalse("a request with a token never reads from the cache");
        (await anonymous.GetAsync($"/api/v1/actors/{slug}", Ct)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);

        // The public's cached counts and the editor's own are different answers to the same address.
        var publicStats = await (await EventuallyCachedAsync(anonymous, "/api/v1/stats")).ReadJsonAsync();
        publicStats["unpublished"]!.GetValue<int>().Should().Be(0);
        var editorStats = await withToken.GetAsync("/api/v1/stats", Ct);
        FromCache(editorStats).Should().BeFalse();
        (await editorStats.ReadJsonAsync())["unpublished"]!.GetValue<int>().Should().BeGreaterThan(0);
        (await (await anonymous.GetAsync("/api/v1/stats", Ct)).ReadJsonAsync())["unpublished"]!.GetValue<int>().Should().Be(0);

        // A page whose form carries an antiforgery token says no-store and is never stored.
        await anonymous.GetAsync("/account/login", Ct);
        var login = await anonymous.GetAsync("/account/login", Ct);
        FromCache(login).Should().BeFalse();
        login.Headers.CacheControl!.NoStore.Should().BeTrue();
    }
}

[Collection(SqliteApiCollection.Name)]
[Trait("Database", "Sqlite")]
public sealed class PublicReadCacheOnSqlite(SqliteEditorApp app) : PublicReadCacheTests(app);

[Collection(PostgresApiCollection.Name)]
[Trait("Database", "Postgres")]
public sealed class PublicReadCacheOnPostgres(PostgresEditorApp app) : PublicReadCacheTests(app);
