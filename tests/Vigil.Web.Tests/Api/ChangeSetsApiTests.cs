using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>
/// Change sets through the real app: an editor's vendor, its source, two citations and its supply edge
/// submitted as one set and published by a reviewer in one step; the publish check over the whole set;
/// four eyes for every record; sending back with one reason; several sets at once.
/// </summary>
public abstract class ChangeSetsApiTests(VigilApp editor)
{
    private sealed record Drafts(string Vendor, string Source, string ActorCitation, string Edge, string EdgeCitation)
    {
        public string[] All => [$"actor:{Vendor}", $"source:{Source}", $"citation:{ActorCitation}", $"relationship:{Edge}", $"citation:{EdgeCitation}"];
    }

    private async Task<Drafts> VendorDraftsAsync(HttpClient client, string name)
    {
        var agency = await editor.AddActorAsync(Unique("agency"), "State Intelligence Agency", ActorKind.PublicBody, "GR");
        var vendor = (await client.CreatedAsync("/api/v1/actors", new { name, kind = "company", country = "GR" }))["slug"]!.GetValue<string>();
        var source = (await client.CreatedAsync("/api/v1/sources", new { title = $"Report on {name}", url = "https://example.org/report", reliability = "B" }))["slug"]!.GetValue<string>();
        var actorCitation = (await client.CreatedAsync("/api/v1/citations", new { source, subject = $"actor:{vendor}", locator = "p. 3", quote = $"{name} sells interception kits." }))["slug"]!.GetValue<string>();
        var edge = (await client.CreatedAsync("/api/v1/relationships", new { type = "supplies", from = vendor, to = agency.Slug }))["slug"]!.GetValue<string>();
        var edgeCitation = (await client.CreatedAsync("/api/v1/citations", new { source, subject = $"relationship:{edge}", locator = "p. 7", quote = "The agency bought the kit in 2021." }))["slug"]!.GetValue<string>();
        return new Drafts(vendor, source, actorCitation, edge, edgeCitation);
    }

    [Fact]
    public async Task AVendorWithItsSourceCitationsAndSupplyEdge_IsSubmittedAsOneSet_AndPublishedInOneStep()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var anonymous = editor.Anonymous();
        var (_, reviewer) = await editor.ReviewerAsync();
        var name = $"Glasswing {Guid.NewGuid():N}";
        var d = await VendorDraftsAsync(client, name);

        var drafts = await client.GetAsync("/api/v1/change-sets/drafts", Ct).OkAsync();
        drafts.AsArray().Select(x => x!["ref"]!.GetValue<string>()).Should().Contain(d.All);

        var set = await client.CreatedAsync("/api/v1/change-sets", new { title = $"{name} and its supply to the agency", records = d.All });
        var id = set["id"]!.GetValue<long>();
        set["items"]!.AsArray().Should().HaveCount(5);
        set["items"]!.AsArray().Should().OnlyContain(i => i!["status"]!.GetValue<string>() == "in-review");

        // Readable: the edge's ends by name, the quote beside the claim, who would see it.
        var read = await reviewer.GetAsync($"/api/v1/change-sets/{id}", Ct).OkAsync();
        read["mayPublish"]!.GetValue<bool>().Should().BeTrue(string.Join(" ", read["problems"]!.AsArray().Select(p => p!.GetValue<string>())));
        var edgeItem = read["items"]!.AsArray().Single(i => i!["type"]!.GetValue<string>() == "relationship")!;
        edgeItem["changes"]!.AsArray().Should().Contain(c => c!["field"]!.GetValue<string>() == "to actor" && c["new"]!.GetValue<string>() == "State Intelligence Agency");
        edgeItem["changes"]!.ToJsonString().Should().NotContain("toActorId");
        var citationItem = read["items"]!.AsArray().First(i => i!["type"]!.GetValue<string>() == "citation" && i["evidence"]!["quote"]!.GetValue<string>().Contains("sells"))!;
        citationItem["evidence"]!["supports"]!.GetValue<string>().Should().Contain(name);
        edgeItem["visibleTo"]!.GetValue<string>().Should().Contain("public");

        // The records of a set are reviewed with it, not one by one.
        var single = await (await reviewer.PostJsonAsync($"/api/v1/actors/{d.Vendor}/publish", new { })).ShouldBeProblemAsync(409);
        single["detail"]!.GetValue<string>().Should().Contain($"change set {id}");

        await (await client.PostJsonAsync($"/api/v1/change-sets/{id}/publish", new { })).ShouldBeProblemAsync(403);
        var published = await reviewer.PostJsonAsync($"/api/v1/change-sets/{id}/publish", new { comment = "checked against the report" }).OkAsync();
        published["state"]!.GetValue<string>().Should().Be("published");
        published["items"]!.AsArray().Should().OnlyContain(i => i!["status"]!.GetValue<string>() == "published");

        var seen = await anonymous.GetAsync($"/api/v1/actors/{d.Vendor}", Ct).OkAsync();
        seen["name"]!.GetValue<string>().Should().Be(name);
        (await anonymous.GetAsync($"/api/v1/relationships/{d.Edge}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetAsync($"/api/v1/citations/{d.EdgeCitation}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await reviewer.PostJsonAsync($"/api/v1/change-sets/{id}/publish", new { })).ShouldBeProblemAsync(409);
    }

    [Fact]
    public async Task AnEdgeWrittenByName_WithItsEvidence_TakesItsCitationIntoTheSet_AndIsPublishedWithIt()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var (_, reviewer) = await editor.ReviewerAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var agency = await editor.AddActorAsync(Unique("agency"), $"Naval Intelligence Directorate {tag}", ActorKind.PublicBody, "GR");
        var name = $"Byname Systems {tag}";
        var vendor = (await client.CreatedAsync("/api/v1/actors", new { name, kind = "company", country = "GR" }))["slug"]!.GetValue<string>();
        var title = $"Leaked contract {tag}";
        var source = (await client.CreatedAsync("/api/v1/sources", new { title, url = "https://example.org/contract", reliability = "B" }))["slug"]!.GetValue<string>();

        // Ends and source by name, as a person writes them; a name nobody has is refused, nothing written.
        var unknown = await (await client.PostJsonAsync("/api/v1/relationships", new { type = "supplies", from = name, to = $"Nobody {tag}" })).ShouldBeProblemAsync(400);
        unknown["errors"]!["to"]![0]!.GetValue<string>().Should().StartWith($"There is no actor 'Nobody {tag}'");
        await using (var db = editor.CreateDb())
        {
            (await db.Relationships.CountAsync(r => r.FromActor!.Slug == vendor, Ct)).Should().Be(0);
        }
        var edge = await client.CreatedAsync("/api/v1/relationships", new
        {
            type = "supplies", from = name.ToUpperInvariant(), to = agency.Name,
            evidence = new { source = title, locator = "annex B", quote = "Delivery of two interception suites.", credibility = 2 },
        });
        edge["from"]!["slug"]!.GetValue<string>().Should().Be(vendor);
        edge["to"]!["slug"]!.GetValue<string>().Should().Be(agency.Slug);
        edge["citations"]!.AsArray().Should().ContainSingle().Which!["quote"]!.GetValue<string>().Should().Be("Delivery of two interception suites.");
        var slug = edge["slug"]!.GetValue<string>();

        // The vendor needs evidence of its own: cited through the API, in review at once like the edge's.
        await client.CreatedAsync("/api/v1/citations", new { source, subject = $"actor:{vendor}", locator = "p. 1", quote = $"{name} signed the contract.", status = "in-review" });

        var set = await client.CreatedAsync("/api/v1/change-sets", new { records = new[] { $"actor:{vendor}", $"source:{source}", $"relationship:{slug}" } });
        set["items"]!.AsArray().Count(i => i!["type"]!.GetValue<string>() == "citation").Should().Be(2, "the evidence already waiting joins the set of the records it cites");
        var id = set["id"]!.GetValue<long>();
        var published = await reviewer.PostJsonAsync($"/api/v1/change-sets/{id}/publish", new { }).OkAsync();
        published["items"]!.AsArray().Should().HaveCount(5).And.OnlyContain(i => i!["status"]!.GetValue<string>() == "published");
        var seen = await editor.Anonymous().GetAsync($"/api/v1/relationships/{slug}", Ct).OkAsync();
        seen["citations"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task ADraftSourceThatTheSetsEvidenceRestsOn_JoinsTheSet_WithoutBeingTicked()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var (_, reviewer) = await editor.ReviewerAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var vendor = (await client.CreatedAsync("/api/v1/actors", new { name = $"Untick Systems {tag}", kind = "company" }))["slug"]!.GetValue<string>();
        var source = (await client.CreatedAsync("/api/v1/sources", new { title = $"Registry extract {tag}", url = "https://example.org/registry", reliability = "B" }))["slug"]!.GetValue<string>();
        var other = (await client.CreatedAsync("/api/v1/sources", new { title = $"Unrelated draft {tag}", url = "https://example.org/other", reliability = "C" }))["slug"]!.GetValue<string>();
        await client.CreatedAsync("/api/v1/citations", new { source, subject = $"actor:{vendor}", locator = "entry 4", status = "in-review" });

        // Only the actor is ticked: its waiting citation joins, and so does the editor's draft source it rests on.
        var set = await client.CreatedAsync("/api/v1/change-sets", new { records = new[] { $"actor:{vendor}" } });
        set["items"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()).Should().BeEquivalentTo("actor", "citation", "source");
        var id = set["id"]!.GetValue<long>();
        var published = await reviewer.PostJsonAsync($"/api/v1/change-sets/{id}/publish", new { }).OkAsync();
        published["items"]!.AsArray().Should().HaveCount(3).And.OnlyContain(i => i!["status"]!.GetValue<string>() == "published");
        (await editor.Anonymous().GetAsync($"/api/v1/sources/{source}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync($"/api/v1/sources/{other}", Ct).OkAsync())["status"]!.GetValue<string>().Should().Be("draft", "a draft no citation of the set rests on stays out");
    }

    [Fact]
    public async Task TheCheckRunsOverTheWholeSet_AClaimWithoutItsCitation_IsNotPublished_AndNothingIs()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var (_, reviewer) = await editor.ReviewerAsync();
        var d = await VendorDraftsAsync(client, $"Halfset {Guid.NewGuid():N}");
        // The edge's citation stays out of the set: the edge has no evidence published or in the set.
        var set = await client.CreatedAsync("/api/v1/change-sets", new { records = d.All.Where(r => r != $"citation:{d.EdgeCitation}").ToArray() });
        var id = set["id"]!.GetValue<long>();

        var refused = await (await reviewer.PostJsonAsync($"/api/v1/change-sets/{id}/publish", new { })).ShouldBeProblemAsync(409);
        refused["detail"]!.GetValue<string>().Should().Contain("no citation");
        await using var db = editor.CreateDb();
        (await db.Actors.SingleAsync(a => a.Slug == d.Vendor, Ct)).Status.Should().Be(ReviewStatus.InReview, "all or nothing");
        (await db.Sources.SingleAsync(s => s.Slug == d.Source, Ct)).Status.Should().Be(ReviewStatus.InReview);
    }

    [Fact]
    public async Task FourEyesHoldsForEveryRecord_AndASentBackSetReturnsEveryRecordToDraft_WithOneReason()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var (bothName, both) = await editor.ReviewerAsync(Roles.Editor, Roles.Reviewer);
        var (_, other) = await editor.ReviewerAsync();
        var d = await VendorDraftsAsync(client, $"Foureyes {Guid.NewGuid():N}");
        // The editor-reviewer changes one record of the set: they may not publish the set.
        var source = await both.GetAsync($"/api/v1/sources/{d.Source}", Ct).OkAsync();
        await both.PutJsonAsync($"/api/v1/sources/{d.Source}", new { title = "Report, second look", url = "https://example.org/report", reliability = "B", version = source["version"]!.GetValue<int>() }).OkAsync();
        var id = (await client.CreatedAsync("/api/v1/change-sets", new { records = d.All }))["id"]!.GetValue<long>();

        var self = await (await both.PostJsonAsync($"/api/v1/change-sets/{id}/publish", new { })).ShouldBeProblemAsync(409);
        self["detail"]!.GetValue<string>().Should().Contain("nobody reviews their own change");
        (await both.GetAsync($"/api/v1/change-sets/{id}", Ct).OkAsync())["mayPublish"]!.GetValue<bool>().Should().BeFalse();

        await (await other.PostJsonAsync($"/api/v1/change-sets/{id}/send-back", new { })).ShouldBeProblemAsync(400);
        var back = await other.PostJsonAsync($"/api/v1/change-sets/{id}/send-back", new { comment = "The report does not name the agency." }).OkAsync();
        back["state"]!.GetValue<string>().Should().Be("sent-back");
        back["comment"]!.GetValue<string>().Should().Be("The report does not name the agency.");
        back["items"]!.AsArray().Should().OnlyContain(i => i!["status"]!.GetValue<string>() == "draft");
        var history = await client.GetAsync($"/api/v1/actors/{d.Vendor}/history", Ct).OkAsync();
        history["notes"]!.AsArray().Should().Contain(n => n!["comment"]!.GetValue<string>() == "The report does not name the agency.");
        _ = bothName;
    }

    [Fact]
    public async Task AReviewerPublishesSeveralSetsAtOnce_AndOnlyEditorsSubmitTheirOwnDrafts()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var (_, reviewer) = await editor.ReviewerAsync();
        var first = await VendorDraftsAsync(client, $"First {Guid.NewGuid():N}");
        var second = await VendorDraftsAsync(client, $"Second {Guid.NewGuid():N}");

        await (await reviewer.PostJsonAsync("/api/v1/change-sets", new { records = first.All })).ShouldBeProblemAsync(403);
        var (_, otherEditor) = await editor.ReviewerAsync(Roles.Editor);
        var notMine = await (await otherEditor.PostJsonAsync("/api/v1/change-sets", new { records = first.All })).ShouldBeProblemAsync(400);
        notMine.ToJsonString().Should().Contain("not one of your drafts");
        var missing = await (await client.PostJsonAsync("/api/v1/change-sets", new { records = new[] { "actor:no-such-actor" } })).ShouldBeProblemAsync(400);
        missing.ToJsonString().Should().Contain("There is no actor");

        var a = (await client.CreatedAsync("/api/v1/change-sets", new { records = first.All }))["id"]!.GetValue<long>();
        var b = (await client.CreatedAsync("/api/v1/change-sets", new { records = second.All }))["id"]!.GetValue<long>();
        var again = await (await client.PostJsonAsync("/api/v1/change-sets", new { records = first.All })).ShouldBeProblemAsync(400);
        again.ToJsonString().Should().Contain("only drafts are submitted");

        var both = await reviewer.PostJsonAsync("/api/v1/change-sets/publish", new { sets = new[] { a, b } }).OkAsync();
        both.AsArray().Select(s => s!["state"]!.GetValue<string>()).Should().Equal("published", "published");
        var anonymous = editor.Anonymous();
        foreach (var vendor in new[] { first.Vendor, second.Vendor })
        {
            (await anonymous.GetAsync($"/api/v1/actors/{vendor}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        await (await anonymous.GetAsync("/api/v1/change-sets", Ct)).ShouldBeProblemAsync(403);
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteApiCollection.Name)]
public sealed class SqliteChangeSetsApiTests(SqliteEditorApp editor) : ChangeSetsApiTests(editor);

[Trait("Database", "Postgres")]
[Collection(PostgresApiCollection.Name)]
public sealed class PostgresChangeSetsApiTests(PostgresEditorApp editor) : ChangeSetsApiTests(editor);
