using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Vigil.Model;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>Products, relationships, sources and citations through the real app, written as an editor and read as the public.</summary>
public abstract class GraphApiTests(VigilApp reader, VigilApp editor)
{
    private async Task<JsonNode> CreatedAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostJsonAsync(url, body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var json = await response.ReadJsonAsync();
        response.Headers.Location!.ToString().Should().Be($"{url}/{json["slug"]!.GetValue<string>()}");
        return json;
    }

    [Fact]
    public async Task Products_AreCreatedListedReadAndUpdated_WithConflictOnStaleVersion()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var token = "zp" + Guid.NewGuid().ToString("N")[..8];
        var client = editor.CreateClient();
        var created = await CreatedAsync(client, "/api/v1/products", new
        {
            name = $"Predator {token}",
            kind = "spyware",
            aliases = new[] { "Alien", "Helios" },
            capabilities = new[] { "one-click Android exploitation", "microphone recording" },
        });
        var slug = created["slug"]!.GetValue<string>();
        slug.Should().Be($"predator-{token}");
        created["aliases"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("Alien", "Helios");
        created["capabilities"]!.AsArray().Should().HaveCount(2);

        var list = await (await client.GetAsync($"/api/v1/products?q={token}", Ct)).ReadJsonAsync();
        list.Slugs().Should().Equal(slug);

        var updated = await client.PutJsonAsync($"/api/v1/products/{slug}", new { name = $"Predator {token}", kind = "spyware", aliases = new[] { "Alien" }, version = 1 });
        updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync(Ct));
        var body = await updated.ReadJsonAsync();
        body["aliases"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("Alien");
        body["capabilities"]!.AsArray().Should().HaveCount(2, "a list left out is kept");
        body["version"]!.GetValue<int>().Should().Be(2);

        var stale = await client.PutJsonAsync($"/api/v1/products/{slug}", new { name = "Overwritten", version = 1 });
        var problem = await stale.ShouldBeProblemAsync(409);
        problem["current"]!["version"]!.GetValue<int>().Should().Be(2);
        problem["submitted"]!["name"]!.GetValue<string>().Should().Be("Overwritten");
    }

    [Fact]
    public async Task Relationships_LinkVisibleEnds_AndShowOnBothActorsAndTheProduct()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var token = "zr" + Guid.NewGuid().ToString("N")[..8];
        var client = editor.CreateClient();
        var vendor = (await CreatedAsync(client, "/api/v1/actors", new { name = $"Vendor {token}", kind = "company", country = "IL" }))["slug"]!.GetValue<string>();
        var holding = (await CreatedAsync(client, "/api/v1/actors", new { name = $"Holding {token}", kind = "company", country = "LU" }))["slug"]!.GetValue<string>();
        var product = (await CreatedAsync(client, "/api/v1/products", new { name = $"Tool {token}" }))["slug"]!.GetValue<string>();

        var owns = await CreatedAsync(client, "/api/v1/relationships", new { type = "owns", from = holding, to = vendor, sharePercent = 40.5m, startDate = "2019-06", confidence = "high" });
        owns["slug"]!.GetValue<string>().Should().Be($"{holding}--owns--{vendor}");
        owns["from"]!["slug"]!.GetValue<string>().Should().Be(holding);
        owns["to"]!["slug"]!.GetValue<string>().Should().Be(vendor);
        owns["sharePercent"]!.GetValue<decimal>().Should().Be(40.5m);
        var develops = await CreatedAsync(client, "/api/v1/relationships", new { type = "develops", from = vendor, to = product });
        develops["to"]!["type"]!.GetValue<string>().Should().Be("product");

        var vendorDetail = await (await client.GetAsync($"/api/v1/actors/{vendor}", Ct)).ReadJsonAsync();
        vendorDetail["relationshipsIn"]!.AsArray().Should().ContainSingle(e => e!["other"]!["slug"]!.GetValue<string>() == holding);
        vendorDetail["relationshipsOut"]!.AsArray().Should().ContainSingle(e => e!["type"]!.GetValue<string>() == "develops");
        var productDetail = await (await client.GetAsync($"/api/v1/products/{product}", Ct)).ReadJsonAsync();
        productDetail["developers"]!.AsArray().Should().ContainSingle().Which!["actor"]!["slug"]!.GetValue<string>().Should().Be(vendor);

        var byActor = await (await client.GetAsync($"/api/v1/relationships?actor={vendor}", Ct)).ReadJsonAsync();
        byActor["total"]!.GetValue<int>().Should().Be(2, "either end matches");
        var byType = await (await client.GetAsync($"/api/v1/relationships?actor={vendor}&type=owns", Ct)).ReadJsonAsync();
        byType["items"]!.AsArray().Should().ContainSingle().Which!["type"]!.GetValue<string>().Should().Be("owns");
        var edge = await (await client.GetAsync($"/api/v1/relationships/{owns["id"]!.GetValue<long>()}", Ct)).ReadJsonAsync();
        edge["confidence"]!.GetValue<string>().Should().Be("high");
    }

    [Fact]
    public async Task Relationships_RejectMissingEndsWrongTargetsAndBadShares_NamingEachField()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var actor = (await CreatedAsync(client, "/api/v1/actors", new { name = $"Agency {Guid.NewGuid():N}", kind = "public-body" }))["slug"]!.GetValue<string>();

        var missing = await (await client.PostJsonAsync("/api/v1/relationships", new { type = "owns", from = "no-such-actor", to = actor, sharePercent = 150 })).ShouldBeProblemAsync(400);
        missing["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("from", "sharePercent");
        missing["errors"]!["from"]![0]!.GetValue<string>().Should().Contain("no-such-actor");

        var wrongTarget = await (await client.PostJsonAsync("/api/v1/relationships", new { type = "operates", from = actor, to = actor, endDate = "2020-02-30" })).ShouldBeProblemAsync(400);
        wrongTarget["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("to", "endDate");
        wrongTarget["errors"]!["to"]![0]!.GetValue<string>().Should().Contain("product");

        var badType = await (await client.PostJsonAsync("/api/v1/relationships", new { type = "befriends", from = actor })).ShouldBeProblemAsync(400);
        badType["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("type", "to");
    }

    [Fact]
    public async Task SourcesAndCitations_AreCreated_Validated_AndListedBySourceAndSubject()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var actor = (await CreatedAsync(client, "/api/v1/actors", new { name = $"Cited {Guid.NewGuid():N}", kind = "company" }))["slug"]!.GetValue<string>();

        var invalidSource = await (await client.PostJsonAsync("/api/v1/sources", new { title = "", url = "ftp://x", reliability = "G", kind = "rumour", publishedDate = "May 2024" })).ShouldBeProblemAsync(400);
        invalidSource["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("title", "url", "reliability", "kind", "publishedDate");

        var source = await CreatedAsync(client, "/api/v1/sources", new { title = $"Predator Files {Guid.NewGuid():N}", publisher = "EIC", url = "https://example.org/pf", kind = "report", reliability = "b", publishedDate = "2023-10" });
        var sourceSlug = source["slug"]!.GetValue<string>();
        source["reliability"]!.GetValue<string>().Should().Be("B");
        source["kind"]!.GetValue<string>().Should().Be("report");

        var invalidCitation = await (await client.PostJsonAsync("/api/v1/citations", new { source = "no-such-source", subject = "actor:no-such-actor", credibility = 7 })).ShouldBeProblemAsync(400);
        invalidCitation["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("source", "subject", "credibility");
        var badSubject = await (await client.PostJsonAsync("/api/v1/citations", new { source = sourceSlug, subject = "incident" })).ShouldBeProblemAsync(400);
        badSubject["errors"]!.AsObject().Select(e => e.Key).Should().Equal("subject");

        var citation = await CreatedAsync(client, "/api/v1/citations", new { source = sourceSlug, subject = $"actor:{actor}", locator = "p. 12", quote = "…", credibility = 2 });
        citation["subject"]!["slug"]!.GetValue<string>().Should().Be(actor);
        citation["source"]!["slug"]!.GetValue<string>().Should().Be(sourceSlug);

        var bySubject = await (await client.GetAsync($"/api/v1/citations?subject=actor:{actor}", Ct)).ReadJsonAsync();
        bySubject.Slugs().Should().Equal(citation["slug"]!.GetValue<string>());
        var bySource = await (await client.GetAsync($"/api/v1/citations?source={sourceSlug}", Ct)).ReadJsonAsync();
        bySource["total"]!.GetValue<int>().Should().Be(1);
        var sourceDetail = await (await client.GetAsync($"/api/v1/sources/{sourceSlug}", Ct)).ReadJsonAsync();
        sourceDetail["citedBy"]!.AsArray().Should().ContainSingle().Which!["subject"]!["slug"]!.GetValue<string>().Should().Be(actor);
        var actorDetail = await (await client.GetAsync($"/api/v1/actors/{actor}", Ct)).ReadJsonAsync();
        actorDetail["citations"]![0]!["locator"]!.GetValue<string>().Should().Be("p. 12");
    }

    [Fact]
    public async Task Publishing_NeedsACitation_AndGoesThroughReview()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var (_, reviewer) = await editor.ReviewerAsync();
        var refused = await (await client.PostJsonAsync("/api/v1/actors", new { name = $"Eager {Guid.NewGuid():N}", kind = "company", status = "published" })).ShouldBeProblemAsync(400);
        refused["errors"]!.AsObject().Select(e => e.Key).Should().Equal("status");

        var actor = (await CreatedAsync(client, "/api/v1/actors", new { name = $"Patient {Guid.NewGuid():N}", kind = "company" }))["slug"]!.GetValue<string>();
        await client.PostJsonAsync($"/api/v1/actors/{actor}/submit", new { }).OkAsync();
        var stillRefused = await (await reviewer.PostJsonAsync($"/api/v1/actors/{actor}/publish", new { })).ShouldBeProblemAsync(400);
        stillRefused["errors"]!["status"]![0]!.GetValue<string>().Should().Contain("citation");

        // The evidence is itself drafted and reviewed before it can carry a publication.
        var source = (await CreatedAsync(client, "/api/v1/sources", new { title = "Registry extract" }))["slug"]!.GetValue<string>();
        var citation = (await CreatedAsync(client, "/api/v1/citations", new { source, subject = $"actor:{actor}" }))["slug"]!.GetValue<string>();
        await ReviewSupport.PublishThroughReviewAsync(client, reviewer, $"/api/v1/sources/{source}");
        await ReviewSupport.PublishThroughReviewAsync(client, reviewer, $"/api/v1/citations/{citation}");
        var published = await reviewer.PostJsonAsync($"/api/v1/actors/{actor}/publish", new { }).OkAsync();
        published["status"]!.GetValue<string>().Should().Be("published");
        (await (await editor.Anonymous().GetAsync($"/api/v1/actors/{actor}", Ct)).ReadJsonAsync())["status"]!.GetValue<string>().Should().Be("published");
    }

    [Fact]
    public async Task PublicReader_DoesNotSeeEdgesOrCitationsOfHiddenRecords()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        var open = await reader.AddActorAsync(Unique("open"));
        var secret = await reader.AddActorAsync(Unique("secret"), marking: Marking.Red);
        var redSource = await reader.AddSourceAsync(Unique("red-source"), marking: Marking.Red);
        string edgeSlug;
        await using (var db = reader.CreateDb())
        {
            var edge = new Relationship { Slug = Unique("edge"), Type = RelationshipType.Supplies, FromActorId = open.Id, ToActorId = secret.Id, Status = ReviewStatus.Published };
            db.Relationships.Add(edge);
            db.Citations.Add(new Citation { Slug = Unique("hidden-cite"), SourceId = redSource.Id, ActorId = open.Id, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
            edgeSlug = edge.Slug;
        }
        var client = reader.CreateClient();
        await (await client.GetAsync($"/api/v1/relationships/{edgeSlug}", Ct)).ShouldBeProblemAsync(404);
        await (await client.GetAsync($"/api/v1/sources/{redSource.Slug}", Ct)).ShouldBeProblemAsync(404);
        (await (await client.GetAsync($"/api/v1/relationships?actor={open.Slug}", Ct)).ReadJsonAsync())["total"]!.GetValue<int>().Should().Be(0);
        (await (await client.GetAsync($"/api/v1/citations?subject=actor:{open.Slug}", Ct)).ReadJsonAsync())["total"]!.GetValue<int>().Should().Be(0);
        var detail = await (await client.GetAsync($"/api/v1/actors/{open.Slug}", Ct)).ReadJsonAsync();
        detail["relationshipsOut"]!.AsArray().Should().BeEmpty();
        detail["citations"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task UnreadableBodies_AndUnknownRoutes_AnswerWithProblemDetails()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        using var content = new StringContent("{ \"name\": ", System.Text.Encoding.UTF8, "application/json");
        await (await client.PostAsync("/api/v1/actors", content, Ct)).ShouldBeProblemAsync(400);
        using var wrongType = new StringContent("{ \"source\": \"s\", \"credibility\": \"high\" }", System.Text.Encoding.UTF8, "application/json");
        await (await client.PostAsync("/api/v1/citations", wrongType, Ct)).ShouldBeProblemAsync(400);
        await (await client.GetAsync("/api/v1/no-such-thing", Ct)).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task Health_Is200()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        (await reader.CreateClient().GetAsync("/health", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteApiCollection.Name)]
public sealed class SqliteGraphApiTests(SqliteApp reader, SqliteEditorApp editor) : GraphApiTests(reader, editor);

[Trait("Database", "Postgres")]
[Collection(PostgresApiCollection.Name)]
public sealed class PostgresGraphApiTests(PostgresApp reader, PostgresEditorApp editor) : GraphApiTests(reader, editor);
