using FluentAssertions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;
using Vigil.Web.Tests.Account;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>
/// The read cache: the public's and each kind of signed-in reader's answers served again without the
/// database, never stale after a change, never shared between kinds of reader, never a signed-in reader's
/// page nor a page with a form.
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
    public async Task QueryValuesTheEndpointDoesNotDeclare_DoNotMakeANewEntry()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var anonymous = editor.Anonymous();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await EventuallyCachedAsync(anonymous, "/api/v1/actors?pageSize=3");
            // Made-up parameters: the same entry. A declared one (page): another entry, another answer.
            var busted = await anonymous.GetAsync($"/api/v1/actors?pageSize=3&cachebuster={attempt}&x=y", Ct);
            var paged = await anonymous.GetAsync($"/api/v1/actors?pageSize=3&page={1000 + attempt}", Ct);
            if (FromCache(busted))
            {
                FromCache(paged).Should().BeFalse("page is a documented parameter: part of the key");
                (await paged.ReadJsonAsync())["page"]!.GetValue<int>().Should().Be(1000 + attempt, "the declared parameter reached the handler");
                return;
            }
        }
        throw new Xunit.Sdk.XunitException("an address with made-up query values was never answered from the cache");
    }

    [Fact]
    public async Task TokenReads_AreServedFromTheCache_AndASaveIsSeenAtOnce()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var withToken = editor.CreateClient();
        const string url = "/api/v1/stats";

        var cached = await EventuallyCachedAsync(withToken, url);
        var before = (await cached.ReadJsonAsync())["unpublished"]!.GetValue<int>();

        var slug = Unique("token-cache-probe");
        await editor.AddActorAsync(slug, name: "Token Cache Probe " + slug, status: ReviewStatus.Draft);

        var after = await withToken.GetAsync(url, Ct);
        FromCache(after).Should().BeFalse("a save makes every older entry unreachable, the signed-in readers' too");
        (await after.ReadJsonAsync())["unpublished"]!.GetValue<int>().Should().BeGreaterThan(before, "the editor sees the new draft at once");
        var detail = await EventuallyCachedAsync(withToken, $"/api/v1/actors/{slug}");
        (await detail.Content.ReadAsStringAsync(Ct)).Should().Contain("Token Cache Probe " + slug);
    }

    [Fact]
    public async Task AnApiReadsNotFound_IsKeptForItsKindOfReader_UntilTheRecordIsPublished()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var anonymous = editor.Anonymous();
        var withToken = editor.CreateClient();
        var slug = Unique("kept-404");
        var actor = await editor.AddActorAsync(slug, name: "Kept Not Found " + slug, status: ReviewStatus.Draft);
        var url = $"/api/v1/actors/{slug}";

        // The public's 404 is kept (a draft is not theirs to see); the editor, asking the same address, gets the draft.
        var notFound = await EventuallyAsync(anonymous, url, System.Net.HttpStatusCode.NotFound);
        (await notFound.Content.ReadAsStringAsync(Ct)).Should().NotContain("Kept Not Found");
        var asEditor = await withToken.GetAsync(url, Ct);
        asEditor.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "a kept 404 is the public's, never another kind's");
        (await asEditor.Content.ReadAsStringAsync(Ct)).Should().Contain("Kept Not Found " + slug);

        // Published, it is the public's at once: the kept 404 is unreachable.
        await using (var db = editor.CreateDb())
        {
            var tracked = await db.Actors.AsTracking().SingleAsync(a => a.Id == actor.Id, Ct);
            tracked.Status = ReviewStatus.Published;
            await db.SaveChangesAsync(Ct);
        }
        var published = await anonymous.GetAsync(url, Ct);
        published.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "a change makes the kept 404 unreachable");
        (await published.Content.ReadAsStringAsync(Ct)).Should().Contain("Kept Not Found " + slug);

        // A page's 404 is never kept: its body is the status-code page, rendered each time.
        var missingPage = $"/actors/{Unique("no-such-actor")}";
        await anonymous.GetAsync(missingPage, Ct);
        var pageAgain = await anonymous.GetAsync(missingPage, Ct);
        pageAgain.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        FromCache(pageAgain).Should().BeFalse();
        (await pageAgain.Content.ReadAsStringAsync(Ct)).Should().NotBeEmpty();
    }

    [Fact]
    public async Task SearchResults_AreKeptPerKindOfReader_AndASaveIsFoundAtOnce()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var anonymous = editor.Anonymous();
        var withToken = editor.CreateClient();
        var word = "Keptsearch" + Guid.NewGuid().ToString("N")[..8];
        await editor.AddActorAsync(Unique("kept-search-draft"), name: $"{word} Draft Holdings", status: ReviewStatus.Draft);
        var url = $"/search?q={word}";

        // The same question, twice each: the editor's kept answer holds the draft, the public's never does.
        for (var i = 0; i < 2; i++)
        {
            (await (await withToken.GetAsync(url, Ct)).Content.ReadAsStringAsync(Ct)).Should().Contain($"{word} Draft Holdings");
            (await (await anonymous.GetAsync(url, Ct)).Content.ReadAsStringAsync(Ct)).Should().NotContain($"{word} Draft Holdings");
        }

        await editor.AddActorAsync(Unique("kept-search-published"), name: $"{word} Published Systems");
        (await (await withToken.GetAsync(url, Ct)).Content.ReadAsStringAsync(Ct)).Should().Contain($"{word} Published Systems", "a save makes the kept answers unreachable");
        (await (await anonymous.GetAsync(url, Ct)).Content.ReadAsStringAsync(Ct)).Should().Contain($"{word} Published Systems")
            .And.NotContain($"{word} Draft Holdings");
    }

    /// <summary>Reads twice until the second answer, with <paramref name="status"/>, comes from the cache.</summary>
    private static async Task<HttpResponseMessage> EventuallyAsync(HttpClient client, string url, System.Net.HttpStatusCode status)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            (await client.GetAsync(url, Ct)).StatusCode.Should().Be(status);
            var again = await client.GetAsync(url, Ct);
            again.StatusCode.Should().Be(status);
            if (FromCache(again))
            {
                return again;
            }
        }
        throw new Xunit.Sdk.XunitException($"{url} was never answered from the cache");
    }

    [Fact]
    public async Task ReadersWhoSignedIn_NeverShareTheCache_AndPagesWithFormsAreNotStored()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var anonymous = editor.Anonymous();
        var withToken = editor.CreateClient();
        var slug = Unique("cache-draft");
        await editor.AddActorAsync(slug, name: "Cache Draft " + slug, status: ReviewStatus.Draft);

        // The editor's answer with the draft is cached under the editor's kind of reader only: the public,
        // asking the same address, never gets it.
        var again = await EventuallyCachedAsync(withToken, $"/api/v1/actors/{slug}");
        (await again.Content.ReadAsStringAsync(Ct)).Should().Contain("Cache Draft " + slug);
        var asPublic = await anonymous.GetAsync($"/api/v1/actors/{slug}", Ct);
        asPublic.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await asPublic.Content.ReadAsStringAsync(Ct)).Should().NotContain("Cache Draft");

        // The public's cached counts and the editor's own are different answers to the same address.
        var publicStats = await (await EventuallyCachedAsync(anonymous, "/api/v1/stats")).ReadJsonAsync();
        publicStats["unpublished"]!.GetValue<int>().Should().Be(0);
        var editorStats = await withToken.GetAsync("/api/v1/stats", Ct);
        (await editorStats.ReadJsonAsync())["unpublished"]!.GetValue<int>().Should().BeGreaterThan(0);
        (await (await EventuallyCachedAsync(withToken, "/api/v1/stats")).ReadJsonAsync())["unpublished"]!.GetValue<int>().Should().BeGreaterThan(0);
        (await (await anonymous.GetAsync("/api/v1/stats", Ct)).ReadJsonAsync())["unpublished"]!.GetValue<int>().Should().Be(0);

        // Pages carry per-person parts (the name in the header): never cached for a signed-in reader.
        await withToken.GetAsync($"/actors/{slug}", Ct);
        FromCache(await withToken.GetAsync($"/actors/{slug}", Ct)).Should().BeFalse("a signed-in reader's page is rendered for them");

        // A page whose form carries an antiforgery token says no-store and is never stored.
        await anonymous.GetAsync("/account/login", Ct);
        var login = await anonymous.GetAsync("/account/login", Ct);
        FromCache(login).Should().BeFalse();
        login.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task SignedInReaders_GetPagesRenderedForThem_AroundDataKeptForTheirKind_AndASaveIsSeenAtOnce()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        // A person at a browser: cookies kept, and none of the editor's token that this app's clients carry.
        HttpClient Browser()
        {
            var client = editor.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Authorization = null;
            return client;
        }
        var slug = Unique("kept-page");
        var actor = await editor.AddActorAsync(slug, name: "Kept Page " + slug, marking: Marking.Amber);
        var one = Unique("kept-one");
        var two = Unique("kept-two");
        await editor.CreateAccountAsync(one, [Roles.Reader], Marking.Amber, twoFactor: false);
        await editor.CreateAccountAsync(two, [Roles.Reader], Marking.Amber, twoFactor: false);
        using var first = new SignInClient(Browser());
        using var second = new SignInClient(Browser());
        (await first.SignInAsync(one)).StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        (await second.SignInAsync(two)).StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);

        // The same AMBER record for two readers of one kind: the data is theirs to share, the header is each one's own.
        var firstPage = await first.PageAsync($"/actors/{slug}");
        var secondPage = await second.PageAsync($"/actors/{slug}");
        firstPage.Should().Contain("Kept Page " + slug).And.Contain(one).And.NotContain(two);
        secondPage.Should().Contain("Kept Page " + slug).And.Contain(two).And.NotContain(one);
        (await editor.Anonymous().GetAsync($"/actors/{slug}", Ct)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound,
            "kept data of AMBER readers never reaches the public");

        await using (var db = editor.CreateDb())
        {
            var tracked = await db.Actors.AsTracking().SingleAsync(a => a.Id == actor.Id, Ct);
            tracked.Name = "Renamed Kept Page " + slug;
            await db.SaveChangesAsync(Ct);
        }
        (await second.PageAsync($"/actors/{slug}")).Should().Contain("Renamed Kept Page " + slug, "a save makes the kept data unreachable");
    }

    [Fact]
    public async Task AnActorPagesSections_AreKeptPerKindOfReader_AndASaveIsSeenAtOnce()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        // The incidents, measures and the rest under an actor's page are kept apart from the page's own data: an
        // AMBER incident of a CLEAR vendor is listed for AMBER readers and never for the public, whoever asked first.
        var slug = Unique("kept-sections");
        var actor = await editor.AddActorAsync(slug, name: "Kept Sections " + slug);
        var incidentTitle = "Amber incident of " + slug;
        await using (var db = editor.CreateDb())
        {
            db.Incidents.Add(new Incident
            {
                Slug = Unique("kept-incident"), Title = incidentTitle, FirstSeen = "2026-01", Marking = Marking.Amber, Status = ReviewStatus.Published,
                Vendors = [new IncidentVendor { ActorId = actor.Id }],
            });
            await db.SaveChangesAsync(Ct);
        }
        // A reader with an API token (pages take one too): this collection's sign-ins are rate limited.
        var (_, token) = await editor.CreateAccountAsync(Unique("kept-sections-reader"), [Roles.Reader], Marking.Amber, TokenScope.Read, twoFactor: false);
        using var amber = new SignInClient(editor.CreateClient(token));
        var anonymous = editor.Anonymous();

        // Asked in both orders, twice each: a kept section of one kind of reader never answers the other.
        (await anonymous.GetStringAsync($"/actors/{slug}", Ct)).Should().Contain("Kept Sections " + slug).And.NotContain(incidentTitle);
        (await amber.PageAsync($"/actors/{slug}")).Should().Contain(incidentTitle);
        (await anonymous.GetStringAsync($"/actors/{slug}", Ct)).Should().NotContain(incidentTitle, "the AMBER reader's kept incidents never reach the public");
        (await amber.PageAsync($"/actors/{slug}")).Should().Contain(incidentTitle, "the public's kept (empty) incidents never answer an AMBER reader");

        // A new CLEAR incident of the vendor: both kinds of reader see it on their next read.
        var clearTitle = "Clear incident of " + slug;
        await using (var db = editor.CreateDb())
        {
            db.Incidents.Add(new Incident
            {
                Slug = Unique("kept-incident"), Title = clearTitle, FirstSeen = "2026-02", Status = ReviewStatus.Published,
                Vendors = [new IncidentVendor { ActorId = actor.Id }],
            });
            await db.SaveChangesAsync(Ct);
        }
        (await amber.PageAsync($"/actors/{slug}")).Should().Contain(clearTitle).And.Contain(incidentTitle);
        (await anonymous.GetStringAsync($"/actors/{slug}", Ct)).Should().Contain(clearTitle).And.NotContain(incidentTitle);
    }
}

[Collection(SqliteApiCollection.Name)]
[Trait("Database", "Sqlite")]
public sealed class PublicReadCacheOnSqlite(SqliteEditorApp app) : PublicReadCacheTests(app);

[Collection(PostgresApiCollection.Name)]
[Trait("Database", "Postgres")]
public sealed class PublicReadCacheOnPostgres(PostgresEditorApp app) : PublicReadCacheTests(app);
