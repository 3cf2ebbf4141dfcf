using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Features.Watchlists;
using Vigil.Features.Webhooks;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Watchlists;

/// <summary>The app with a fast webhook sender (polls five times a second, retries after 0.3 s) that may reach this machine's loopback.</summary>
public abstract class WatchApp : VigilApp
{
    protected override bool Seed => false;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Vigil:Webhooks:PollSeconds", "0.2"), new("Vigil:Webhooks:FirstRetrySeconds", "0.3"),
        new("Vigil:Webhooks:AllowPrivateNetworks", "true"), new("Vigil:Webhooks:BaseUrl", "https://vigil.test"), new("Vigil:Digest:BaseUrl", "https://vigil.test"),
    ];
}

public sealed class SqliteWatchApp : WatchApp
{
    public override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class PostgresWatchApp : WatchApp
{
    public override DatabaseKind Kind => DatabaseKind.Postgres;
}

/// <summary>
/// Private feeds (a per-person token in the URL), watchlists with their inbox and digest, and outgoing webhooks,
/// each read as its owner's reader: canaries at AMBER and RED, drafts, and records nobody watches prove what
/// each of them may and may not carry.
/// </summary>
public abstract class WatchlistTests(WatchApp app)
{
    private async Task<Measure> PublishMeasureAsync(string title, Actor against, Marking marking = Marking.Clear, ReviewStatus status = ReviewStatus.Published)
    {
        await using var db = app.CreateDb();
        var authority = await db.Actors.SingleAsync(a => a.Id == against.Id, Ct);
        var measure = new Measure
        {
            Slug = Unique("watch-measure"), Title = title, Type = MeasureType.Sanction, AuthorityId = authority.Id, Marking = marking, Status = status,
        };
        db.Measures.Add(measure);
        await db.SaveChangesAsync(Ct);
        return measure;
    }

    private static async Task<(SyndicationFeed Feed, HttpResponseMessage Response)> FeedAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, url);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/atom+xml");
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var reader = XmlReader.Create(stream);
        var formatter = new Atom10FeedFormatter();
        formatter.CanRead(reader).Should().BeTrue("the answer is an Atom 1.0 feed");
        formatter.ReadFrom(reader);
        return (formatter.Feed, response);
    }

    private static List<string> Titles(SyndicationFeed feed) => feed.Items.Select(i => i.Title.Text).ToList();

    private Task<string> FeedSecretAsync(Vigil.Security.Account account) =>
        app.InScopeAsync(sp => sp.GetRequiredService<FeedTokens>().RegenerateAsync(account, Ct));

    [Fact]
    public async Task PrivateFeed_ParsesAsAtom_CarriesOnlyWhatItsReaderMaySee_AndIsNeverShared()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var (amberReader, _) = await app.CreateAccountAsync(Unique("feed-amber"), [Roles.Reader], Marking.Amber);
        var (clearReader, _) = await app.CreateAccountAsync(Unique("feed-clear"), [Roles.Reader], Marking.Clear);
        var (redEditor, _) = await app.CreateAccountAsync(Unique("feed-editor"), [Roles.Editor], Marking.Red);
        var authority = await app.AddActorAsync(Unique("feed-authority"));
        var clear = Unique("Canary clear private-feed measure");
        var amber = Unique("Canary amber private-feed measure");
        var draft = Unique("Canary draft private-feed measure");
        await PublishMeasureAsync(clear, authority);
        await PublishMeasureAsync(amber, authority, Marking.Amber);
        await PublishMeasureAsync(draft, authority, Marking.Clear, ReviewStatus.Draft);
        var amberSecret = await FeedSecretAsync(amberReader);
        var clearSecret = await FeedSecretAsync(clearReader);
        var editorSecret = await FeedSecretAsync(redEditor);
        var client = app.CreateClient();

        // Asked in turn, the CLEAR reader's feed right after the AMBER reader's: nothing is shared between them.
        var (amberFeed, amberResponse) = await FeedAsync(client, $"/feeds/private/{amberSecret}.atom");
        var (clearFeed, _) = await FeedAsync(client, $"/feeds/private/{clearSecret}.atom");
        var (publicFeed, _) = await FeedAsync(client, "/feeds/changes.atom");
        var (amberAgain, _) = await FeedAsync(client, $"/feeds/private/{amberSecret}.atom?kind=measure");
        var (editorFeed, _) = await FeedAsync(client, $"/feeds/private/{editorSecret}.atom");

        Titles(amberFeed).Should().Contain(amber).And.Contain(clear).And.NotContain(draft);
        Titles(amberAgain).Should().Contain(amber).And.NotContain(draft);
        Titles(clearFeed).Should().Contain(clear).And.NotContain(amber).And.NotContain(draft);
        Titles(publicFeed).Should().Contain(clear).And.NotContain(amber);
        Titles(editorFeed).Should().Contain(amber).And.NotContain(draft, "a private feed carries published changes only, even an editor's");
        amberResponse.Headers.CacheControl!.NoStore.Should().BeTrue();
        amberResponse.Headers.Age.Should().BeNull("a private feed never comes from the cache");
        (await (await client.GetAsync($"/feeds/private/{amberSecret}.atom", Ct)).Content.ReadAsStringAsync(Ct))
            .Should().NotContain(amberSecret, "the feed never repeats its own secret");

        // Regenerated: the old address is gone; revoked: the new one too.
        var renewed = await FeedSecretAsync(amberReader);
        (await client.GetAsync($"/feeds/private/{amberSecret}.atom", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync($"/feeds/private/{renewed}.atom", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.InScopeAsync(sp => sp.GetRequiredService<FeedTokens>().RevokeAsync(amberReader, Ct))).Should().BeTrue();
        (await client.GetAsync($"/feeds/private/{renewed}.atom", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/feeds/private/vgf_made-up.atom", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Inbox_ShowsAPublishedChangeToAWatchedActor_NotAnUnwatchedOne_AndTheDigestHoldsTheSame()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var (reader, token) = await app.CreateAccountAsync(Unique("inbox-reader"), [Roles.Reader], Marking.Green);
        var watched = await app.AddActorAsync(Unique("watched-vendor"));
        var unwatched = await app.AddActorAsync(Unique("unwatched-vendor"));
        var added = await app.InScopeAsync(sp => sp.GetRequiredService<WatchHandler>().HandleAsync(reader.Id, "vendor", watched.Slug, Ct));
        added.Succeeded.Should().BeTrue(added.Error);
        (await app.InScopeAsync(sp => sp.GetRequiredService<WatchHandler>().HandleAsync(reader.Id, "state", watched.Slug, Ct)))
            .Field.Should().Be("value", "a company is not a state");

        var onWatched = Unique("Measure on the watched vendor");
        var onUnwatched = Unique("Measure on the unwatched vendor");
        var amberOnWatched = Unique("Canary amber measure on the watched vendor");
        await PublishMeasureAsync(onWatched, watched);
        await PublishMeasureAsync(onUnwatched, unwatched);
        await PublishMeasureAsync(amberOnWatched, watched, Marking.Amber);

        using var client = app.CreateClient(token);
        var inbox = await (await client.GetAsync("/api/v1/account/inbox", Ct)).ReadJsonAsync();
        var titles = inbox["entries"]!.AsArray().Select(e => (string)e!["title"]!).ToList();
        titles.Should().Contain(onWatched).And.NotContain(onUnwatched).And.NotContain(amberOnWatched, "the inbox reads through the person's own clearance (GREEN)");
        (await app.CreateClient().GetAsync("/api/v1/account/inbox", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var list = await (await client.GetAsync("/api/v1/account/watchlist", Ct)).ReadJsonAsync();
        list.AsArray().Select(w => (string)w!["value"]!).Should().Equal(watched.Slug);

        // Marked read: nothing new until the next change.
        await app.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<InboxHandler>().MarkReadAsync(reader.Id, (long)inbox["newestRevisionId"]!, TimeProvider.System, Ct);
            return true;
        });
        (await (await client.GetAsync("/api/v1/account/inbox", Ct)).ReadJsonAsync())["entries"]!.AsArray().Should().BeEmpty();
        var later = Unique("Later measure on the watched vendor");
        await PublishMeasureAsync(later, watched);
        (await (await client.GetAsync("/api/v1/account/inbox", Ct)).ReadJsonAsync())["entries"]!.AsArray().Select(e => (string)e!["title"]!)
            .Should().Equal(later);

        // The digest: the same query, as the same person, written to a folder.
        var folder = Directory.CreateTempSubdirectory("vigil-digest-").FullName;
        try
        {
            var digests = await app.InScopeAsync(sp => sp.GetRequiredService<DigestHandler>().HandleAsync(folder, reader.UserName, ct: Ct));
            var digest = digests.Should().ContainSingle().Subject;
            digest.Path.Should().NotBeNull();
            var text = await File.ReadAllTextAsync(digest.Path!, Ct);
            text.Should().Contain(onWatched).And.Contain(later).And.Contain("https://vigil.test/measures/")
                .And.NotContain(onUnwatched).And.NotContain(amberOnWatched);
            var again = await app.InScopeAsync(sp => sp.GetRequiredService<DigestHandler>().HandleAsync(folder, reader.UserName, ct: Ct));
            again.Single().Changes.Should().Be(0, "the next digest starts where this one ended");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Webhook_IsSignedWithHmacSha256_RetriedAfterA500_ThenDelivered_AsItsOwnerMaySee()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var (owner, token) = await app.CreateAccountAsync(Unique("hook-owner"), [Roles.Reader], Marking.Amber);
        using var receiver = new Receiver();
        var (registered, hook) = await app.InScopeAsync(sp => sp.GetRequiredService<RegisterWebhookHandler>()
            .HandleAsync(owner.Id, owner.UserName!, receiver.Url, "measure", Ct));
        registered.Succeeded.Should().BeTrue(registered.Error);
        (await app.InScopeAsync(sp => sp.GetRequiredService<RegisterWebhookHandler>().HandleAsync(owner.Id, owner.UserName!, "ftp://example.org/", null, Ct)))
            .Result.Field.Should().Be("url");

        var authority = await app.AddActorAsync(Unique("hook-authority"));
        var amber = Unique("Canary amber hooked measure");
        var red = Unique("Canary red hooked measure");
        await PublishMeasureAsync(red, authority, Marking.Red);
        await PublishMeasureAsync(amber, authority, Marking.Amber);

        var requests = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(30));
        requests.Should().HaveCount(2, "the first answer was 500, so the delivery is tried again");
        requests[0].Delivery.Should().Be(requests[1].Delivery, "the second request is the same delivery, retried");
        foreach (var r in requests)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(hook!.Secret), r.Body));
            r.Signature.Should().Be(expected);
            WebhookSignature.Verify(hook.Secret, r.Body, r.Signature).Should().BeTrue();
            WebhookSignature.Verify(hook.Secret + "x", r.Body, r.Signature).Should().BeFalse();
            var json = JsonNode.Parse(r.Body)!;
            ((string)json["change"]!["title"]!).Should().Be(amber);
            ((string)json["change"]!["marking"]!).Should().Be("TLP:AMBER");
            Encoding.UTF8.GetString(r.Body).Should().NotContain(red, "the owner is cleared for AMBER, not RED");
        }

        using var client = app.CreateClient(token);
        JsonArray deliveries = [];
        for (var i = 0; i < 50; i++)
        {
            deliveries = (await (await client.GetAsync($"/api/v1/account/webhooks/{hook!.Id}/deliveries", Ct)).ReadJsonAsync()).AsArray();
            if (deliveries.Count == 1 && (string)deliveries[0]!["state"]! == "delivered")
            {
                break;
            }
            await Task.Delay(100, Ct);
        }
        var delivery = deliveries.Should().ContainSingle().Subject!;
        ((string)delivery["state"]!).Should().Be("delivered");
        ((int)delivery["attempts"]!).Should().Be(2);
        ((int)delivery["lastStatus"]!).Should().Be(200);
        var (stranger, strangerToken) = await app.CreateAccountAsync(Unique("hook-stranger"), [Roles.Reader], Marking.Red);
        (await app.CreateClient(strangerToken).GetAsync($"/api/v1/account/webhooks/{hook!.Id}/deliveries", Ct)).StatusCode
            .Should().Be(HttpStatusCode.NotFound, $"{stranger.UserName} does not own the hook");
    }

    /// <summary>A local HTTP listener that answers 500 to the first request and 200 to the rest, keeping what it was sent.</summary>
    private sealed class Receiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<(string? Delivery, string? Signature, byte[] Body)> _requests = [];
        private readonly Task _loop;

        public Receiver()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/hook/";
                probe.Stop();
            }
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public string Url { get; }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                int count;
                lock (_requests)
                {
                    _requests.Add((context.Request.Headers["X-Vigil-Delivery"], context.Request.Headers[WebhookSignature.Header], body.ToArray()));
                    count = _requests.Count;
                }
                context.Response.StatusCode = count == 1 ? 500 : 200;
                context.Response.Close();
            }
        }

        public async Task<List<(string? Delivery, string? Signature, byte[] Body)>> WaitForAsync(int count, TimeSpan timeout)
        {
            var until = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < until)
            {
                lock (_requests)
                {
                    if (_requests.Count >= count)
                    {
                        return [.. _requests];
                    }
                }
                await Task.Delay(50);
            }
            lock (_requests)
            {
                return [.. _requests];
            }
        }

        public void Dispose()
        {
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}

[Trait("Database", "Sqlite")]
public sealed class SqliteWatchlistTests(SqliteWatchApp app) : WatchlistTests(app), IClassFixture<SqliteWatchApp>;

[Trait("Database", "Postgres")]
public sealed class PostgresWatchlistTests(PostgresWatchApp app) : WatchlistTests(app), IClassFixture<PostgresWatchApp>;
