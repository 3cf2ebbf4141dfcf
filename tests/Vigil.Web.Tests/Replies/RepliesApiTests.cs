using System.Globalization;
using System.Net;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Access;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Vigil.Web.Tests.Api;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Replies;

/// <summary>
/// The right of reply through the real app: an editor asks a company for comment about a measure, records
/// its answer (kept as a source) and a reviewer publishes both; a stale answer is a conflict; a request
/// about a record the writer cannot see is not found and writes nothing; the public never sees a draft.
/// </summary>
public abstract class RepliesApiTests(VigilApp editor)
{
    private static string Day(int offset) =>
        DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A published company and a published measure against it, imposed by a state.</summary>
    private async Task<(Actor Company, Measure Measure)> CompanyWithMeasureAsync(Marking measureMarking = Marking.Clear)
    {
        var company = await editor.AddActorAsync(Unique("vendor"), $"Vendor {Guid.NewGuid():N}");
        var state = await editor.AddActorAsync(Unique("state"), "Freedonia", ActorKind.State);
        await using var db = editor.CreateDb();
        var measure = new Measure
        {
            Slug = Unique("measure"), Title = $"Sanction of {company.Name}", Type = MeasureType.Sanction, AuthorityId = state.Id,
            Marking = measureMarking, Status = ReviewStatus.Published, Targets = [new MeasureTarget { ActorId = company.Id }],
        };
        db.Measures.Add(measure);
        await db.SaveChangesAsync(Ct);
        return (company, measure);
    }

    [Fact]
    public async Task AnEditorAsks_RecordsTheAnswer_AndAReviewerPublishes_TheAnswerIsASourceBesideTheClaim()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var anonymous = editor.Anonymous();
        var (_, reviewer) = await editor.ReviewerAsync();
        var (company, measure) = await CompanyWithMeasureAsync();

        var asked = await client.CreatedAsync($"/api/v1/actors/{company.Slug}/reply-requests", new
        {
            askedDate = Day(-3), channel = "email", deadline = Day(11),
            question = "Do you dispute the sanction and its grounds?", about = new[] { $"measure:{measure.Title}" },
        });
        var slug = asked["slug"]!.GetValue<string>();
        asked["state"]!.GetValue<string>().Should().Be("awaiting");
        asked["status"]!.GetValue<string>().Should().Be("draft");
        asked["about"]!.AsArray().Select(a => a!["slug"]!.GetValue<string>()).Should().Equal(measure.Slug);
        asked["summary"]!.GetValue<string>().Should().Be($"{company.Name} was asked on {Day(-3)}; an answer is due by {Day(11)}.");

        // The public never sees a draft request: not in the list, not by its slug, not on the pages.
        (await anonymous.GetAsync($"/api/v1/actors/{company.Slug}/reply-requests", Ct).OkAsync())["asked"]!.GetValue<int>().Should().Be(0);
        await (await anonymous.GetAsync($"/api/v1/reply-requests/{slug}", Ct)).ShouldBeProblemAsync(404);
        (await anonymous.GetStringAsync($"/measures/{measure.Slug}", Ct)).Should().NotContain("Right of reply");
        (await anonymous.GetStringAsync($"/actors/{company.Slug}", Ct)).Should().NotContain("dispute the sanction");

        // A stale version is a conflict, with both versions, and changes nothing.
        var version = asked["version"]!.GetValue<int>();
        var stale = await (await client.PutJsonAsync($"/api/v1/reply-requests/{slug}/answer",
            new { version = version + 1, outcome = "answered", date = Day(-1), text = "We comply with all laws." })).ShouldBeProblemAsync(409);
        stale["current"]!["state"]!.GetValue<string>().Should().Be("awaiting");
        (await client.GetAsync($"/api/v1/reply-requests/{slug}", Ct).OkAsync())["state"]!.GetValue<string>().Should().Be("awaiting");

        var answered = await client.PutJsonAsync($"/api/v1/reply-requests/{slug}/answer",
            new { version, outcome = "answered", date = Day(-1), text = "We comply with all laws and will appeal the designation." }).OkAsync();
        answered["state"]!.GetValue<string>().Should().Be("answered");
        answered["summary"]!.GetValue<string>().Should().Be($"{company.Name} replied on {Day(-1)}: “We comply with all laws and will appeal the designation.”");
        var source = answered["answerSource"]!["slug"]!.GetValue<string>();
        // The answer is a source of its own, with its date and its text as the archived copy.
        var kept = await client.GetAsync($"/api/v1/sources/{source}", Ct).OkAsync();
        kept["publishedDate"]!.GetValue<string>().Should().Be(Day(-1));
        kept["status"]!.GetValue<string>().Should().Be("draft");
        await using (var db = editor.CreateDb())
        {
            var archive = await db.SourceArchives.SingleAsync(a => a.Source!.Slug == source, Ct);
            System.Text.Encoding.UTF8.GetString(archive.Content).Should().Contain("will appeal the designation");
        }
        await (await anonymous.GetAsync($"/api/v1/sources/{source}", Ct)).ShouldBeProblemAsync(404);

        await ReviewSupport.PublishThroughReviewAsync(client, reviewer, $"/api/v1/reply-requests/{slug}");

        var record = await anonymous.GetAsync($"/api/v1/actors/{company.Slug}/reply-requests", Ct).OkAsync();
        record["asked"]!.GetValue<int>().Should().Be(1);
        record["answered"]!.GetValue<int>().Should().Be(1);
        record["responseRate"]!.GetValue<int>().Should().Be(100);
        (await anonymous.GetAsync($"/api/v1/sources/{source}", Ct).OkAsync())["status"]!.GetValue<string>().Should().Be("published");
        var page = await anonymous.GetStringAsync($"/measures/{measure.Slug}", Ct);
        page.Should().Contain("Right of reply").And.Contain($"{company.Name} replied on {Day(-1)}");
        // History like any record: the editor reads the answer arriving as a revision.
        (await client.GetAsync($"/api/v1/reply-requests/{slug}/history", Ct).OkAsync()).ToJsonString().Should().Contain("answerText");

        // Recorded once: a second answer is refused, naming the field.
        var again = await (await client.PutJsonAsync($"/api/v1/reply-requests/{slug}/answer",
            new { version = record["requests"]![0]!["version"]!.GetValue<int>(), outcome = "declined", date = Day(0) })).ShouldBeProblemAsync(400);
        again["errors"]!.AsObject().Select(e => e.Key).Should().Contain("outcome");
    }

    [Fact]
    public async Task AnAnswerToAPublishedRequest_WaitsForASecondReviewer_AndItsSourceIsWrittenWhenApplied()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var anonymous = editor.Anonymous();
        var (_, reviewer) = await editor.ReviewerAsync();
        var (company, _) = await CompanyWithMeasureAsync();
        var asked = await client.CreatedAsync($"/api/v1/actors/{company.Slug}/reply-requests",
            new { askedDate = Day(-20), channel = "letter", deadline = Day(-6), question = "Who are your customers?" });
        var slug = asked["slug"]!.GetValue<string>();
        asked["about"]!.AsArray().Select(a => a!["slug"]!.GetValue<string>()).Should().Equal(company.Slug);
        await ReviewSupport.PublishThroughReviewAsync(client, reviewer, $"/api/v1/reply-requests/{slug}");

        // Past the deadline with nothing recorded, the public reads its silence.
        var silent = await anonymous.GetAsync($"/api/v1/reply-requests/{slug}", Ct).OkAsync();
        silent["state"]!.GetValue<string>().Should().Be("no-answer");
        silent["summary"]!.GetValue<string>().Should().Be($"{company.Name} was asked on {Day(-20)} and did not answer by {Day(-6)}.");

        var held = await client.PutJsonAsync($"/api/v1/reply-requests/{slug}/answer",
            new { version = silent["version"]!.GetValue<int>(), outcome = "declined", date = Day(-2), text = "We do not comment on customers." });
        held.StatusCode.Should().Be(HttpStatusCode.Accepted, await held.Content.ReadAsStringAsync(Ct));
        (await anonymous.GetAsync($"/api/v1/reply-requests/{slug}", Ct).OkAsync())["state"]!.GetValue<string>().Should().Be("no-answer");

        var queue = await reviewer.GetAsync("/api/v1/reviews", Ct).OkAsync();
        var change = queue.ToJsonString();
        var changeId = queue["changes"]!.AsArray().Single(c => c!.ToJsonString().Contains(slug, StringComparison.Ordinal))!;
        var id = changeId["change"]!["id"]!.GetValue<long>();
        (await reviewer.PostJsonAsync($"/api/v1/reply-requests/{slug}/publish", new { change = id }).OkAsync())["status"]!.GetValue<string>().Should().Be("published");
        change.Should().Contain("We do not comment on customers.");

        var after = await anonymous.GetAsync($"/api/v1/actors/{company.Slug}/reply-requests", Ct).OkAsync();
        after["declined"]!.GetValue<int>().Should().Be(1);
        after["responseRate"]!.GetValue<int>().Should().Be(0);
        after["requests"]![0]!["summary"]!.GetValue<string>().Should().Be($"{company.Name} was asked on {Day(-20)} and declined to comment on {Day(-2)}.");
    }

    [Fact]
    public async Task ARequestAboutARecordTheWriterCannotSee_IsNotFound_AndNothingIsWritten()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var (company, amber) = await CompanyWithMeasureAsync(Marking.Amber);
        var greenName = Unique("green-editor");
        var (_, token) = await editor.CreateAccountAsync(greenName, [Roles.Editor], Marking.Green);
        var green = editor.CreateClient(token);

        var problem = await (await green.PostJsonAsync($"/api/v1/actors/{company.Slug}/reply-requests", new
        {
            askedDate = Day(-1), question = "About the amber measure?", about = new[] { $"measure:{amber.Slug}" },
        })).ShouldBeProblemAsync(404);
        problem["detail"]!.GetValue<string>().Should().Be($"There is no measure '{amber.Slug}'. Nothing was written.");
        await using var db = editor.CreateDb(Reader.System());
        (await db.ReplyRequests.CountAsync(r => r.ActorId == company.Id, Ct)).Should().Be(0);
        (await db.Revisions.CountAsync(r => r.RecordKind == RecordKind.ReplyRequest && r.By == greenName, Ct)).Should().Be(0);

        // The same request by a writer cleared for it is written.
        await editor.CreateClient().CreatedAsync($"/api/v1/actors/{company.Slug}/reply-requests", new
        {
            askedDate = Day(-1), question = "About the amber measure?", about = new[] { $"measure:{amber.Slug}" }, marking = "AMBER",
        });
        (await db.ReplyRequests.CountAsync(r => r.ActorId == company.Id, Ct)).Should().Be(1);
    }

    [Fact]
    public async Task BadInput_NamesEachField_AndAPersonIsNotAsked()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var person = await editor.AddActorAsync(Unique("person"), "A. Person", ActorKind.Person);
        var problem = await (await client.PostJsonAsync($"/api/v1/actors/{person.Slug}/reply-requests",
            new { askedDate = "last week", channel = "pigeon", deadline = "2020-13-01", question = "" })).ShouldBeProblemAsync(400);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("actor", "askedDate", "channel", "deadline", "question");
        await (await client.PostJsonAsync("/api/v1/actors/no-such-actor/reply-requests", new { askedDate = Day(0), question = "?" })).ShouldBeProblemAsync(404);
        await (await editor.Anonymous().PostJsonAsync($"/api/v1/actors/{person.Slug}/reply-requests", new { askedDate = Day(0), question = "?" })).ShouldBeProblemAsync(403);
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteApiCollection.Name)]
public sealed class SqliteRepliesApiTests(SqliteEditorApp editor) : RepliesApiTests(editor);

[Trait("Database", "Postgres")]
[Collection(PostgresApiCollection.Name)]
public sealed class PostgresRepliesApiTests(PostgresEditorApp editor) : RepliesApiTests(editor);
