using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Model;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>/api/v1/actors through the real app: <paramref name="reader"/> is the anonymous public, <paramref name="editor"/> a local editor.</summary>
public abstract class ActorsApiTests(VigilApp reader, VigilApp editor)
{
    [Fact]
    public async Task List_PagesAndFiltersByKindCountryAndText()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        var token = "zq" + Guid.NewGuid().ToString("N")[..8];
        await reader.AddActorAsync(Unique("alpha"), $"Alpha {token}", ActorKind.Company, "FR");
        await reader.AddActorAsync(Unique("beta"), $"Beta {token}", ActorKind.State, "GR");
        await reader.AddActorAsync(Unique("gamma"), $"Gamma {token}", ActorKind.Company, "GR");
        var client = reader.CreateClient();

        var first = await (await client.GetAsync($"/api/v1/actors?q={token}&pageSize=2", Ct)).ReadJsonAsync();
        first["total"]!.GetValue<int>().Should().Be(3);
        first["pageSize"]!.GetValue<int>().Should().Be(2);
        first["items"]!.AsArray().Should().HaveCount(2);
        var second = await (await client.GetAsync($"/api/v1/actors?q={token}&pageSize=2&page=2", Ct)).ReadJsonAsync();
        second["page"]!.GetValue<int>().Should().Be(2);
        second.Slugs().Should().ContainSingle();
        first.Slugs().Should().NotContain(second.Slugs().Single());

        var states = await (await client.GetAsync($"/api/v1/actors?q={token}&kind=state", Ct)).ReadJsonAsync();
        states["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).Should().Equal($"Beta {token}");
        states["items"]![0]!["kind"]!.GetValue<string>().Should().Be("state");
        var greekCompanies = await (await client.GetAsync($"/api/v1/actors?country=gr&kind=company&q={token}", Ct)).ReadJsonAsync();
        greekCompanies["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).Should().Equal($"Gamma {token}");
        var byCountry = await (await client.GetAsync("/api/v1/actors?country=FR&pageSize=200", Ct)).ReadJsonAsync();
        byCountry["items"]!.AsArray().Should().OnlyContain(i => i!["country"]!.GetValue<string>() == "FR");
        byCountry["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).Should().Contain($"Alpha {token}");
    }

    [Fact]
    public async Task List_RejectsUnknownFilters_NamingEachField()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        var response = await reader.CreateClient().GetAsync("/api/v1/actors?kind=alien&country=XX&pageSize=500", Ct);
        var problem = await response.ShouldBeProblemAsync(400);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("kind", "country", "pageSize");
    }

    [Fact]
    public async Task HiddenActors_AreNotFound_AndAbsentFromListsAndCounts_ButTheEditorSeesThem()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        var token = "zh" + Guid.NewGuid().ToString("N")[..8];
        foreach (var app in new[] { reader, editor })
        {
            await app.AddActorAsync($"open-{token}", $"Open {token}");
            await app.AddActorAsync($"red-{token}", $"Red {token}", marking: Marking.Red);
            await app.AddActorAsync($"draft-{token}", $"Draft {token}", status: ReviewStatus.Draft);
        }

        var anonymous = reader.CreateClient();
        var list = await (await anonymous.GetAsync($"/api/v1/actors?q={token}", Ct)).ReadJsonAsync();
        list["total"]!.GetValue<int>().Should().Be(1);
        list.Slugs().Should().Equal($"open-{token}");
        var redProblem = await (await anonymous.GetAsync($"/api/v1/actors/red-{token}", Ct)).ShouldBeProblemAsync(404);
        var missingProblem = await (await anonymous.GetAsync($"/api/v1/actors/none-{token}", Ct)).ShouldBeProblemAsync(404);
        redProblem["title"]!.GetValue<string>().Should().Be(missingProblem["title"]!.GetValue<string>(), "hidden and missing read the same");
        await (await anonymous.GetAsync($"/api/v1/actors/draft-{token}", Ct)).ShouldBeProblemAsync(404);

        var editorClient = editor.CreateClient();
        var all = await (await editorClient.GetAsync($"/api/v1/actors?q={token}", Ct)).ReadJsonAsync();
        all["total"]!.GetValue<int>().Should().Be(3);
        (await editorClient.GetAsync($"/api/v1/actors/red-{token}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await editorClient.GetAsync($"/api/v1/actors/draft-{token}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_BySlugAndById_ShowsAliasesRelationshipsAndCitations()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        var parentSlug = Unique("parent");
        var childSlug = Unique("child");
        long parentId;
        await using (var db = reader.CreateDb())
        {
            var parent = new Actor { Slug = parentSlug, Name = "Parent Holding", ActorKind = ActorKind.Company, Country = "CY", Status = ReviewStatus.Published, StartDate = "2019-03" };
            parent.Aliases.Add(new ActorAlias { Name = "Παρέντ", Script = "Grek", Language = "el" });
            parent.Identifiers.Add(new ActorIdentifier { Scheme = "registry:CY", Value = Unique("HE") });
            var child = new Actor { Slug = childSlug, Name = "Child Labs", ActorKind = ActorKind.Company, Status = ReviewStatus.Published };
            var secret = new Actor { Slug = Unique("secret"), Name = "Secret Owner", ActorKind = ActorKind.Person, Status = ReviewStatus.Published, Marking = Marking.Red };
            var source = new Source { Slug = Unique("report"), Title = "A report", Url = "https://example.org/r", Reliability = 'A', Status = ReviewStatus.Published };
            var owns = new Relationship { Slug = Unique("owns"), Type = RelationshipType.Owns, FromActor = parent, ToActor = child, SharePercent = 51m, StartDate = "2020", Confidence = Confidence.High, Status = ReviewStatus.Published };
            var hiddenEdge = new Relationship { Slug = Unique("hidden-edge"), Type = RelationshipType.Owns, FromActor = secret, ToActor = parent, Status = ReviewStatus.Published };
            db.AddRange(parent, child, secret, source, owns, hiddenEdge);
            db.Citations.Add(new Citation { Slug = Unique("c"), Source = source, Relationship = owns, Locator = "p. 4", Credibility = 2, Status = ReviewStatus.Published });
            db.Citations.Add(new Citation { Slug = Unique("c"), Source = source, Actor = parent, Quote = "Parent Holding, registered in Cyprus", Credibility = 1, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
            parentId = parent.Id;
        }
        var client = reader.CreateClient();

        var bySlug = await (await client.GetAsync($"/api/v1/actors/{parentSlug}", Ct)).ReadJsonAsync();
        bySlug["name"]!.GetValue<string>().Should().Be("Parent Holding");
        bySlug["countryName"]!.GetValue<string>().Should().Be("Cyprus");
        bySlug["marking"]!.GetValue<string>().Should().Be("CLEAR");
        bySlug["aliases"]![0]!["script"]!.GetValue<string>().Should().Be("Grek");
        bySlug["identifiers"]![0]!["scheme"]!.GetValue<string>().Should().Be("registry:CY");
        var edge = bySlug["relationshipsOut"]!.AsArray().Should().ContainSingle().Subject!;
        edge["type"]!.GetValue<string>().Should().Be("owns");
        edge["other"]!["slug"]!.GetValue<string>().Should().Be(childSlug);
        edge["sharePercent"]!.GetValue<decimal>().Should().Be(51m);
        edge["confidence"]!.GetValue<string>().Should().Be("high");
        edge["citations"]![0]!["locator"]!.GetValue<string>().Should().Be("p. 4");
        bySlug["relationshipsIn"]!.AsArray().Should().BeEmpty("the owner is RED");
        bySlug["citations"]![0]!["credibility"]!.GetValue<int>().Should().Be(1);
        bySlug["authors"]!.AsArray().Should().NotBeEmpty();

        var byId = await (await client.GetAsync($"/api/v1/actors/{parentId}", Ct)).ReadJsonAsync();
        byId["slug"]!.GetValue<string>().Should().Be(parentSlug);
        byId["id"]!.GetValue<long>().Should().Be(parentId);
    }

    [Fact]
    public async Task Create_Returns201WithLocation_AsCLEARDraft_WithSlugFromName()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var token = Guid.NewGuid().ToString("N")[..8];
        var client = editor.CreateClient();
        var response = await client.PostJsonAsync("/api/v1/actors", new
        {
            name = $"Zoë Ärger {token} S.A.",
            kind = "public-body",
            country = "gr",
            startDate = "2018-05",
            aliases = new[] { new { name = "ZA", script = "Latn", language = "en" } },
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.ReadJsonAsync();
        body["slug"]!.GetValue<string>().Should().Be($"zoe-arger-{token}-s-a");
        response.Headers.Location!.ToString().Should().Be($"/api/v1/actors/zoe-arger-{token}-s-a");
        body["status"]!.GetValue<string>().Should().Be("draft");
        body["marking"]!.GetValue<string>().Should().Be("CLEAR");
        body["kind"]!.GetValue<string>().Should().Be("public-body");
        body["country"]!.GetValue<string>().Should().Be("GR");
        body["version"]!.GetValue<int>().Should().Be(1);

        var again = await (await client.PostJsonAsync("/api/v1/actors", new { name = $"Zoe Arger {token} SA", kind = "company" })).ReadJsonAsync();
        again["slug"]!.GetValue<string>().Should().Be($"zoe-arger-{token}-sa");
        var clash = await (await client.PostJsonAsync("/api/v1/actors", new { name = $"Zoë Ärger {token} S.A.", kind = "company" })).ReadJsonAsync();
        clash["slug"]!.GetValue<string>().Should().Be($"zoe-arger-{token}-s-a-2");
    }

    [Fact]
    public async Task Create_RejectsBadInput_NamingEachField()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var response = await editor.CreateClient().PostJsonAsync("/api/v1/actors", new
        {
            name = " ",
            kind = "alien",
            country = "XX",
            startDate = "2024-13",
            marking = "PURPLE",
            aliases = new[] { new { name = "" } },
        });
        var problem = await response.ShouldBeProblemAsync(400);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("name", "kind", "country", "startDate", "marking", "aliases[0].name");
        problem["errors"]!["country"]![0]!.GetValue<string>().Should().Contain("XX");
    }

    [Fact]
    public async Task Writes_AreForbidden_ForAReaderWhoCannotEdit()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        var slug = Unique("ro");
        await reader.AddActorAsync(slug);
        var client = reader.CreateClient();
        await (await client.PostJsonAsync("/api/v1/actors", new { name = "Nobody", kind = "company" })).ShouldBeProblemAsync(403);
        await (await client.PutJsonAsync($"/api/v1/actors/{slug}", new { name = "Changed", kind = "company", version = 1 })).ShouldBeProblemAsync(403);
        await using var db = reader.CreateDb();
        (await db.Actors.SingleAsync(a => a.Slug == slug, Ct)).Name.Should().Be(slug);
    }

    [Fact]
    public async Task Update_WithStaleVersion_Is409WithBothVersions_AndOverwritesNothing()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var created = await (await client.PostJsonAsync("/api/v1/actors", new { name = $"Conflict {Guid.NewGuid():N}", kind = "company" })).ReadJsonAsync();
        var slug = created["slug"]!.GetValue<string>();

        var first = await client.PutJsonAsync($"/api/v1/actors/{slug}", new { name = "First Writer", kind = "company", version = 1 });
        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync(Ct));
        (await first.ReadJsonAsync())["version"]!.GetValue<int>().Should().Be(2);

        var stale = await client.PutJsonAsync($"/api/v1/actors/{slug}", new { name = "Second Writer", kind = "company", version = 1 });
        var problem = await stale.ShouldBeProblemAsync(409);
        problem["current"]!["name"]!.GetValue<string>().Should().Be("First Writer");
        problem["current"]!["version"]!.GetValue<int>().Should().Be(2);
        problem["submitted"]!["name"]!.GetValue<string>().Should().Be("Second Writer");
        problem["submitted"]!["version"]!.GetValue<int>().Should().Be(1);

        var now = await (await client.GetAsync($"/api/v1/actors/{slug}", Ct)).ReadJsonAsync();
        now["name"]!.GetValue<string>().Should().Be("First Writer");
        now["version"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Update_WritesARevision_WithOldAndNewValues_AndTheEditorAsAuthor()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var created = await (await client.PostJsonAsync("/api/v1/actors", new { name = $"Revised {Guid.NewGuid():N}", kind = "company" })).ReadJsonAsync();
        var id = created["id"]!.GetValue<long>();

        var updated = await client.PutJsonAsync($"/api/v1/actors/{id}", new { name = "Revised Name", kind = "company", country = "IL", version = 1 });
        updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync(Ct));

        await using var db = editor.CreateDb();
        var revisions = await db.Revisions.Where(r => r.RecordKind == RecordKind.Actor && r.RecordId == id).OrderBy(r => r.Version).ToListAsync(Ct);
        revisions.Select(r => r.Operation).Should().Equal("create", "update");
        revisions[1].By.Should().Be("test-editor");
        revisions[1].Changes.Should().Contain("Revised Name").And.Contain("IL");
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteApiCollection.Name)]
public sealed class SqliteActorsApiTests(SqliteApp reader, SqliteEditorApp editor) : ActorsApiTests(reader, editor);

[Trait("Database", "Postgres")]
[Collection(PostgresApiCollection.Name)]
public sealed class PostgresActorsApiTests(PostgresApp reader, PostgresEditorApp editor) : ActorsApiTests(reader, editor);
