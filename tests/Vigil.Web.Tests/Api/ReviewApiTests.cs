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
/// Four eyes, history, retraction and pending changes through the real app: the editor app's editor
/// ("test-editor") writes, reviewer accounts made per test review, and the anonymous public reads.
/// </summary>
public abstract class ReviewApiTests(VigilApp editor)
{
    [Fact]
    public async Task Created_IsADraft_TheEditorCannotPublish_AReviewerPublishesAfterSubmission_AndThePublicThenSeesIt()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var anonymous = editor.Anonymous();
        var (_, reviewer) = await editor.ReviewerAsync();
        var name = $"Foureyes {Guid.NewGuid():N}";

        var eager = await (await client.PostJsonAsync("/api/v1/actors", new { name, kind = "company", status = "published" })).ShouldBeProblemAsync(400);
        eager["errors"]!["status"]![0]!.GetValue<string>().Should().Contain("/submit").And.Contain("reviewer");

        var actor = (await client.CreatedAsync("/api/v1/actors", new { name, kind = "company" }))["slug"]!.GetValue<string>();
        var source = (await client.CreatedAsync("/api/v1/sources", new { title = $"About {name}" }))["slug"]!.GetValue<string>();
        var citation = (await client.CreatedAsync("/api/v1/citations", new { source, subject = $"actor:{actor}" }))["slug"]!.GetValue<string>();
        (await (await client.GetAsync($"/api/v1/actors/{actor}", Ct)).ReadJsonAsync())["status"]!.GetValue<string>().Should().Be("draft");
        await (await client.PutJsonAsync($"/api/v1/actors/{actor}", new { name, kind = "company", status = "published", version = 1 })).ShouldBeProblemAsync(400);

        await (await client.PostJsonAsync($"/api/v1/actors/{actor}/publish", new { })).ShouldBeProblemAsync(403);
        await (await anonymous.PostJsonAsync($"/api/v1/actors/{actor}/publish", new { })).ShouldBeProblemAsync(403);
        (await reviewer.PostJsonAsync($"/api/v1/actors/{actor}/publish", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict, "a draft is submitted before it is published");

        var submitted = await client.PostJsonAsync($"/api/v1/actors/{actor}/submit", new { version = 1 }).OkAsync();
        submitted["status"]!.GetValue<string>().Should().Be("in-review");
        await (await anonymous.GetAsync($"/api/v1/actors/{actor}", Ct)).ShouldBeProblemAsync(404);
        var queue = await reviewer.GetAsync("/api/v1/reviews", Ct).OkAsync();
        queue["inReview"]!.AsArray().Select(i => i!["slug"]!.GetValue<string>()).Should().Contain(actor);
        var item = queue["inReview"]!.AsArray().Single(i => i!["slug"]!.GetValue<string>() == actor)!;
        item["mayPublish"]!.GetValue<bool>().Should().BeTrue();
        item["changes"]!.AsArray().Should().Contain(c => c!["field"]!.GetValue<string>() == "name" && c["new"]!.GetValue<string>() == name);
        await (await anonymous.GetAsync("/api/v1/reviews", Ct)).ShouldBeProblemAsync(403);

        await ReviewSupport.PublishThroughReviewAsync(client, reviewer, $"/api/v1/sources/{source}");
        await ReviewSupport.PublishThroughReviewAsync(client, reviewer, $"/api/v1/citations/{citation}");
        var published = await reviewer.PostJsonAsync($"/api/v1/actors/{actor}/publish", new { version = 2 }).OkAsync();
        published["status"]!.GetValue<string>().Should().Be("published");

        var seen = await anonymous.GetAsync($"/api/v1/actors/{actor}", Ct).OkAsync();
        seen["name"]!.GetValue<string>().Should().Be(name);
        seen["citations"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task NobodyPublishesTheirOwnChange_EvenHoldingBothRoles()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var (bothName, both) = await editor.ReviewerAsync(Roles.Editor, Roles.Reviewer);
        var (_, other) = await editor.ReviewerAsync();
        var actor = (await both.CreatedAsync("/api/v1/actors", new { name = $"Own {Guid.NewGuid():N}", kind = "company" }))["slug"]!.GetValue<string>();
        var source = (await both.CreatedAsync("/api/v1/sources", new { title = "Own evidence" }))["slug"]!.GetValue<string>();
        var citation = (await both.CreatedAsync("/api/v1/citations", new { source, subject = $"actor:{actor}" }))["slug"]!.GetValue<string>();
        await both.PostJsonAsync($"/api/v1/actors/{actor}/submit", new { }).OkAsync();

        var self = await (await both.PostJsonAsync($"/api/v1/actors/{actor}/publish", new { })).ShouldBeProblemAsync(409);
        self["detail"]!.GetValue<string>().Should().Contain("own change");
        var queue = await both.GetAsync("/api/v1/reviews", Ct).OkAsync();
        var mine = queue["inReview"]!.AsArray().Single(i => i!["slug"]!.GetValue<string>() == actor)!;
        mine["mayPublish"]!.GetValue<bool>().Should().BeFalse();
        mine["whyNot"]!.GetValue<string>().Should().Contain("another reviewer");

        await ReviewSupport.PublishThroughReviewAsync(both, other, $"/api/v1/sources/{source}");
        await ReviewSupport.PublishThroughReviewAsync(both, other, $"/api/v1/citations/{citation}");
        (await other.PostJsonAsync($"/api/v1/actors/{actor}/publish", new { }).OkAsync())["status"]!.GetValue<string>().Should().Be("published");
        await using var db = editor.CreateDb();
        var id = await db.Actors.Where(a => a.Slug == actor).Select(a => a.Id).SingleAsync(Ct);
        (await db.Revisions.Where(r => r.RecordKind == RecordKind.Actor && r.RecordId == id).Select(r => r.By).ToListAsync(Ct))
            .Should().Contain(bothName).And.HaveCount(3, "create, submit, publish");
    }

    [Fact]
    public async Task SendBack_NeedsAComment_ReturnsTheRecordToDraft_AndTheEditorReadsTheComment()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var (_, reviewer) = await editor.ReviewerAsync();
        var actor = (await client.CreatedAsync("/api/v1/actors", new { name = $"Unsure {Guid.NewGuid():N}", kind = "company" }))["slug"]!.GetValue<string>();
        await client.PostJsonAsync($"/api/v1/actors/{actor}/submit", new { }).OkAsync();

        var noComment = await (await reviewer.PostJsonAsync($"/api/v1/actors/{actor}/send-back", new { })).ShouldBeProblemAsync(400);
        noComment["errors"]!.AsObject().Select(e => e.Key).Should().Equal("comment");
        var back = await reviewer.PostJsonAsync($"/api/v1/actors/{actor}/send-back", new { comment = "Which registry says so? Cite it." }).OkAsync();
        back["status"]!.GetValue<string>().Should().Be("draft");

        var history = await client.GetAsync($"/api/v1/actors/{actor}/history", Ct).OkAsync();
        history["notes"]!.AsArray().Should().Contain(n => n!["action"]!.GetValue<string>() == "send-back" && n["comment"]!.GetValue<string>() == "Which registry says so? Cite it.");
        var page = await (await client.GetAsync($"/actors/{actor}", Ct)).Content.ReadAsStringAsync(Ct);
        page.Should().Contain("Which registry says so? Cite it.").And.Contain("Submit for review");
    }

    [Fact]
    public async Task Retracting_LeavesATombstone_410WithTheReason_ForReadersWhoCouldSeeIt_And404ForOthers()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var anonymous = editor.Anonymous();
        var (_, reviewer) = await editor.ReviewerAsync();
        var (_, amberToken) = await editor.CreateAccountAsync(Unique("amber-reader"), [Roles.Reader], Marking.Amber);
        var amberReader = editor.CreateClient(amberToken);
        var token = "zt" + Guid.NewGuid().ToString("N")[..8];
        var clear = await ReviewSupport.PublishedActorAsync(client, reviewer, $"Clear {token}");
        var amber = await ReviewSupport.PublishedActorAsync(client, reviewer, $"Amber {token}", "AMBER");

        await (await reviewer.PostJsonAsync($"/api/v1/actors/{clear}/retract", new { })).ShouldBeProblemAsync(400);
        await (await client.PostJsonAsync($"/api/v1/actors/{clear}/retract", new { reason = "no" })).ShouldBeProblemAsync(403);
        (await reviewer.PostJsonAsync($"/api/v1/actors/{clear}/retract", new { reason = "The registry extract was forged." }).OkAsync())["status"]!.GetValue<string>().Should().Be("retracted");
        await reviewer.PostJsonAsync($"/api/v1/actors/{amber}/retract", new { reason = "Duplicate of another record." }).OkAsync();

        var gone = await (await anonymous.GetAsync($"/api/v1/actors/{clear}", Ct)).ShouldBeProblemAsync(410);
        gone["reason"]!.GetValue<string>().Should().Be("The registry extract was forged.");
        gone["label"]!.GetValue<string>().Should().Be($"Clear {token}");
        gone["detail"]!.GetValue<string>().Should().Contain("retracted on");
        gone.ToJsonString().Should().NotContain("Evidence on", "the content is not shown");
        var page = await anonymous.GetAsync($"/actors/{clear}", Ct);
        page.StatusCode.Should().Be(HttpStatusCode.Gone);
        (await page.Content.ReadAsStringAsync(Ct)).Should().Contain("The registry extract was forged.").And.Contain($"Clear {token}");

        var amberGone = await (await anonymous.GetAsync($"/api/v1/actors/{amber}", Ct)).ShouldBeProblemAsync(404);
        amberGone.ToJsonString().Should().NotContain("Duplicate");
        (await anonymous.GetAsync($"/actors/{amber}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await amberReader.GetAsync($"/api/v1/actors/{amber}", Ct)).ShouldBeProblemAsync(410))["reason"]!.GetValue<string>().Should().Be("Duplicate of another record.");

        var list = await anonymous.GetAsync($"/api/v1/actors?q={token}", Ct).OkAsync();
        list["total"]!.GetValue<int>().Should().Be(0, "retracted records vanish from lists and counts");
        await (await reviewer.PostJsonAsync($"/api/v1/actors/{clear}/retract", new { reason = "again" })).ShouldBeProblemAsync(409);
    }

    [Fact]
    public async Task AnUpdateOfAPublishedRecord_WaitsForAnotherReviewer_AndLeavesThePublicVersionUnchanged()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var anonymous = editor.Anonymous();
        var (reviewerName, reviewer) = await editor.ReviewerAsync();
        var name = $"Stable {Guid.NewGuid():N}";
        var actor = await ReviewSupport.PublishedActorAsync(client, reviewer, name);
        var version = (await anonymous.GetAsync($"/api/v1/actors/{actor}", Ct).OkAsync())["version"]!.GetValue<int>();

        var proposed = await client.PutJsonAsync($"/api/v1/actors/{actor}", new { name = name + " Renamed", kind = "company", country = "CY", version, status = "published" });
        proposed.StatusCode.Should().Be(HttpStatusCode.Accepted, await proposed.Content.ReadAsStringAsync(Ct));
        (await proposed.ReadJsonAsync())["name"]!.GetValue<string>().Should().Be(name, "the answer shows the record as it still is");
        var second = await client.PutJsonAsync($"/api/v1/actors/{actor}", new { name = name + " Other", kind = "company", version, status = "published" });
        second.StatusCode.Should().Be(HttpStatusCode.Accepted);

        var stillPublic = await anonymous.GetAsync($"/api/v1/actors/{actor}", Ct).OkAsync();
        stillPublic["name"]!.GetValue<string>().Should().Be(name);
        stillPublic["version"]!.GetValue<int>().Should().Be(version);

        var queue = await reviewer.GetAsync("/api/v1/reviews", Ct).OkAsync();
        var changes = queue["changes"]!.AsArray().Select(c => c!["change"]!).Where(c => c["slug"]!.GetValue<string>() == actor).ToList();
        changes.Should().HaveCount(2);
        var first = changes[0];
        first["proposedBy"]!.GetValue<string>().Should().Be("test-editor");
        first["changes"]!.AsArray().Should().Contain(c => c!["field"]!.GetValue<string>() == "name" && c["old"]!.GetValue<string>() == name && c["new"]!.GetValue<string>() == name + " Renamed");
        first["changes"]!.AsArray().Should().Contain(c => c!["field"]!.GetValue<string>() == "country" && c["new"]!.GetValue<string>() == "CY");
        var firstId = first["id"]!.GetValue<long>();
        var secondId = changes[1]["id"]!.GetValue<long>();

        await (await client.PostJsonAsync($"/api/v1/actors/{actor}/publish", new { change = firstId })).ShouldBeProblemAsync(403);
        var applied = await reviewer.PostJsonAsync($"/api/v1/actors/{actor}/publish", new { change = firstId }).OkAsync();
        applied["status"]!.GetValue<string>().Should().Be("published");
        var now = await anonymous.GetAsync($"/api/v1/actors/{actor}", Ct).OkAsync();
        now["name"]!.GetValue<string>().Should().Be(name + " Renamed");
        now["country"]!.GetValue<string>().Should().Be("CY");

        var stale = await (await reviewer.PostJsonAsync($"/api/v1/actors/{actor}/publish", new { change = secondId })).ShouldBeProblemAsync(409);
        stale["detail"]!.GetValue<string>().Should().Contain("version");
        (await anonymous.GetAsync($"/api/v1/actors/{actor}", Ct).OkAsync())["name"]!.GetValue<string>().Should().Be(name + " Renamed");

        var history = await client.GetAsync($"/api/v1/actors/{actor}/history", Ct).OkAsync();
        var latest = history["revisions"]![0]!;
        latest["by"]!.GetValue<string>().Should().Be(reviewerName);
        latest["reason"]!.GetValue<string>().Should().Contain("proposed by test-editor").And.Contain($"approved by {reviewerName}");
    }

    [Fact]
    public async Task Revert_WritesANewRevision_WithTheOldValues()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var created = await client.CreatedAsync("/api/v1/actors", new { name = $"Before {Guid.NewGuid():N}", kind = "company", aliases = new[] { new { name = "Alpha", language = "en" } } });
        var slug = created["slug"]!.GetValue<string>();
        var original = created["name"]!.GetValue<string>();
        await client.PutJsonAsync($"/api/v1/actors/{slug}", new { name = "After Co", kind = "person", country = "GR", aliases = new[] { new { name = "Beta" } }, version = 1 }).OkAsync();

        var history = await client.GetAsync($"/api/v1/actors/{slug}/history", Ct).OkAsync();
        history["revisions"]!.AsArray().Should().HaveCount(2);
        history["revisions"]![0]!["changes"]!.AsArray().Should().Contain(c => c!["field"]!.GetValue<string>() == "name" && c["old"]!.GetValue<string>() == original && c["new"]!.GetValue<string>() == "After Co");

        await (await client.PostJsonAsync($"/api/v1/actors/{slug}/revert", new { toVersion = 1, version = 2 })).ShouldBeProblemAsync(400);
        await (await client.PostJsonAsync($"/api/v1/actors/{slug}/revert", new { toVersion = 1, version = 1, reason = "stale" })).ShouldBeProblemAsync(409);
        var reverted = await client.PostJsonAsync($"/api/v1/actors/{slug}/revert", new { toVersion = 1, version = 2, reason = "The rename was a mistake." }).OkAsync();
        reverted["version"]!.GetValue<int>().Should().Be(3);

        var actor = await client.GetAsync($"/api/v1/actors/{slug}", Ct).OkAsync();
        actor["name"]!.GetValue<string>().Should().Be(original);
        actor["kind"]!.GetValue<string>().Should().Be("company");
        actor["country"].Should().BeNull();
        actor["aliases"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()).Should().Equal("Alpha");
        actor["aliases"]![0]!["language"]!.GetValue<string>().Should().Be("en");
        var after = await client.GetAsync($"/api/v1/actors/{slug}/history", Ct).OkAsync();
        after["revisions"]!.AsArray().Should().HaveCount(3);
        after["revisions"]![0]!["reason"]!.GetValue<string>().Should().Contain("revert to version 1").And.Contain("The rename was a mistake.");
    }

    [Fact]
    public async Task HistoryOfAHiddenRecord_IsNotFound_LikeTheRecord()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var red = await editor.AddActorAsync(Unique("red-history"), marking: Marking.Red);
        var draft = await editor.AddActorAsync(Unique("draft-history"), status: ReviewStatus.Draft);
        var open = await editor.AddActorAsync(Unique("open-history"));
        var anonymous = editor.Anonymous();
        foreach (var hidden in new[] { red.Slug, draft.Slug })
        {
            var api = await (await anonymous.GetAsync($"/api/v1/actors/{hidden}/history", Ct)).ShouldBeProblemAsync(404);
            var missing = await (await anonymous.GetAsync($"/api/v1/actors/no-{hidden}/history", Ct)).ShouldBeProblemAsync(404);
            api["title"]!.GetValue<string>().Should().Be(missing["title"]!.GetValue<string>());
            (await anonymous.GetAsync($"/actors/{hidden}/history", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        (await anonymous.GetAsync($"/api/v1/actors/{open.Slug}/history", Ct).OkAsync())["revisions"]!.AsArray().Should().ContainSingle();
        (await anonymous.GetAsync($"/actors/{open.Slug}/history", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await editor.CreateClient().GetAsync($"/api/v1/actors/{red.Slug}/history", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ReviewPage_IsForEditorsAndReviewers_Only()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        // Someone not signed in (a session that ended, say) is asked to sign in, not told the page is missing.
        var anonymous = await editor.Anonymous().GetAsync("/review", Ct);
        anonymous.RequestMessage!.RequestUri!.AbsolutePath.Should().BeEquivalentTo("/account/login");
        (await anonymous.Content.ReadAsStringAsync(Ct)).Should().NotContain("Review queue");
        var (_, readerToken) = await editor.CreateAccountAsync(Unique("plain-reader"), [Roles.Reader]);
        (await editor.CreateClient(readerToken).GetAsync("/review", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var client = editor.CreateClient();
        var name = $"Queued {Guid.NewGuid():N}";
        var slug = (await client.CreatedAsync("/api/v1/actors", new { name, kind = "company", marking = "AMBER" }))["slug"]!.GetValue<string>();
        await client.PostJsonAsync($"/api/v1/actors/{slug}/submit", new { }).OkAsync();
        var page = await client.GetAsync("/review", Ct);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync(Ct)).Should().Contain("Review queue").And.Contain(name).And.Contain("TLP:AMBER");
        var (_, reviewer) = await editor.ReviewerAsync();
        var asReviewer = await (await reviewer.GetAsync("/review", Ct)).Content.ReadAsStringAsync(Ct);
        asReviewer.Should().Contain($"Publish {name}").And.Contain("Send back");
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteApiCollection.Name)]
public sealed class SqliteReviewApiTests(SqliteEditorApp editor) : ReviewApiTests(editor);

[Trait("Database", "Postgres")]
[Collection(PostgresApiCollection.Name)]
public sealed class PostgresReviewApiTests(PostgresEditorApp editor) : ReviewApiTests(editor);
