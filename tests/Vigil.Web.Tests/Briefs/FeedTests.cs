using System.ServiceModel.Syndication;
using System.Xml;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Briefs;

/// <summary>The Atom feeds, parsed back with a real feed parser (System.ServiceModel.Syndication), on the starter dataset.</summary>
public abstract class FeedTests(VigilApp app)
{
    private static async Task<SyndicationFeed> FeedAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/atom+xml", await response.Content.ReadAsStringAsync(Ct));
        await using var stream = await response.Content.ReadAsStreamAsync(Ct);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { Async = true });
        var formatter = new Atom10FeedFormatter();
        formatter.CanRead(reader).Should().BeTrue("the answer is an Atom 1.0 feed");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    private static List<string> Titles(SyndicationFeed feed) => feed.Items.Select(i => i.Title.Text).ToList();

    [Fact]
    public async Task EveryFeed_ParsesAsAtom_WithIdsLinksAndDates()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var client = app.CreateClient();
        foreach (var url in new[] { "/feeds/changes.atom", "/feeds/changes.atom?kind=measure", "/feeds/actors/intellexa-sa.atom", "/feeds/states/united-kingdom.atom", "/feeds/changes.atom?q=intellexa" })
        {
            var feed = await FeedAsync(client, url);
            feed.Items.Should().NotBeEmpty(url);
            feed.Items.Should().OnlyContain(i => i.Id.StartsWith("urn:vigil:", StringComparison.Ordinal) && i.Links.Count > 0 && i.LastUpdatedTime > DateTimeOffset.UnixEpoch, url);
            feed.Links.Should().Contain(l => l.RelationshipType == "self", url);
        }
        (await FeedAsync(client, "/feeds/changes.atom?kind=measure")).Items.Should().OnlyContain(i => i.Categories.Single().Name == "measure");
        (await FeedAsync(client, "/feeds/actors/intellexa-sa.atom")).Items.Select(i => i.Links[0].Uri.AbsolutePath).Should().Contain("/actors/intellexa-sa");
        (await client.GetAsync("/feeds/changes.atom?kind=alien", Ct)).Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await client.GetAsync("/feeds/actors/no-such-actor.atom", Ct)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Feeds_CarryOnlyWhatTheReaderMaySee_AndChangeWhenARecordIsPublished()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var (_, amberToken) = await app.CreateAccountAsync(Unique("amber-feed-reader"), [], Marking.Amber, TokenScope.Read);
        var clear = Unique("Canary clear feed measure");
        var amber = Unique("Canary amber feed measure");
        var draft = Unique("Canary draft feed measure");
        await using (var db = app.CreateDb())
        {
            var germany = await db.Actors.SingleAsync(a => a.Slug == "germany", Ct);
            db.Measures.AddRange(
                new Measure { Slug = Unique("feed-amber"), Title = amber, Type = MeasureType.Investigation, AuthorityId = germany.Id, Marking = Marking.Amber, Status = ReviewStatus.Published },
                new Measure { Slug = Unique("feed-draft"), Title = draft, Type = MeasureType.Investigation, AuthorityId = germany.Id, Status = ReviewStatus.Draft });
            await db.SaveChangesAsync(Ct);
        }
        var publicFeed = Titles(await FeedAsync(app.CreateClient(), "/feeds/states/germany.atom"));
        var amberFeed = Titles(await FeedAsync(app.CreateClient(amberToken), "/feeds/states/germany.atom"));
        publicFeed.Should().NotContain(amber).And.NotContain(draft);
        amberFeed.Should().Contain(amber).And.NotContain(draft);
        amberFeed.Except(publicFeed).Should().Equal(amber);

        await using (var db = app.CreateDb())
        {
            var germany = await db.Actors.SingleAsync(a => a.Slug == "germany", Ct);
            db.Measures.Add(new Measure { Slug = Unique("feed-clear"), Title = clear, Type = MeasureType.Investigation, AuthorityId = germany.Id, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }
        var after = await FeedAsync(app.CreateClient(), "/feeds/states/germany.atom");
        after.Items.First().Title.Text.Should().Be(clear, "the newest published change comes first, and the public cache does not serve the old feed");
        Titles(await FeedAsync(app.CreateClient(), "/feeds/changes.atom?kind=measure")).Should().Contain(clear).And.NotContain(amber);
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteBriefCollection.Name)]
public sealed class SqliteFeedTests(SqliteApp app) : FeedTests(app);

[Trait("Database", "Postgres")]
[Collection(PostgresBriefCollection.Name)]
public sealed class PostgresFeedTests(PostgresApp app) : FeedTests(app);
