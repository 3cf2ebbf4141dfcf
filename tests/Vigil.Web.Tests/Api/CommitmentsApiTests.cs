using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>
/// The quarterly cycle, scorecards and national reports through the real app over the starter data
/// (frameworks and endorsements loaded from data/). Each test uses its own quarters, so tests sharing
/// the app do not meet.
/// </summary>
public abstract class CommitmentsApiTests(VigilApp editor)
{
    private const string Evidence = "eff-2019-nso-human-rights-policy-know-your-customer";
    private const string UkA1 = "pall-mall-code-of-practice--a1";

    private static int s_year = 2300 + Random.Shared.Next(0, 3000);

    private static string NewQuarter() => $"{Interlocked.Add(ref s_year, 2)}Q2";

    private static string Next(string quarter) => $"{quarter[..4]}Q3";

    private async Task<JsonNode> AssessmentAsync(HttpClient client, string quarter, string actor, string code)
    {
        var page = await client.GetAsync($"/api/v1/assessments?quarter={quarter}&actor={actor}&pageSize=100", Ct).OkAsync();
        return page["items"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == code && i["series"]!.GetValue<string>() == "pall-mall-code")!;
    }

    private static async Task RateCiteAndPublishAsync(HttpClient client, HttpClient reviewer, string slug, string rating)
    {
        var current = await client.GetAsync($"/api/v1/assessments/{slug}", Ct).OkAsync();
        await client.PutJsonAsync($"/api/v1/assessments/{slug}", new
        {
            rating, verifiable = true, contradictingEvidence = false, rationale = $"Rated {rating} on the public record.", version = current["version"]!.GetValue<int>(),
        }).OkAsync();
        var citation = (await client.CreatedAsync("/api/v1/citations", new { source = Evidence, subject = $"assessment:{slug}", locator = "para 3" }))["slug"]!.GetValue<string>();
        await ReviewSupport.PublishThroughReviewAsync(client, reviewer, $"/api/v1/citations/{citation}");
        await ReviewSupport.PublishThroughReviewAsync(client, reviewer, $"/api/v1/assessments/{slug}");
    }

    [Fact]
    public async Task Quarter_OpenRatePublish_ScorecardChanges_CarryForward_AndPublishedIsImmutable()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var anonymous = editor.Anonymous();
        var (_, reviewer) = await editor.ReviewerAsync();
        var q = NewQuarter();

        await (await anonymous.PostJsonAsync("/api/v1/quarters", new { code = q })).ShouldBeProblemAsync(403);
        var opened = await client.CreatedAsync("/api/v1/quarters", new { code = q });
        opened["created"]!.GetValue<int>().Should().BeGreaterThan(400, "every endorser × commitment of the starter data");
        opened["carriedForward"]!.GetValue<int>().Should().Be(0);
        await (await client.PostJsonAsync("/api/v1/quarters", new { code = q })).ShouldBeProblemAsync(400);

        var a1 = await AssessmentAsync(client, q, "united-kingdom", "A1");
        var slug = a1["slug"]!.GetValue<string>();
        a1["status"]!.GetValue<string>().Should().Be("draft");
        await (await anonymous.GetAsync($"/api/v1/assessments/{slug}", Ct)).ShouldBeProblemAsync(404);

        // Without a citation it is not published.
        var detail = await client.GetAsync($"/api/v1/assessments/{slug}", Ct).OkAsync();
        await client.PutJsonAsync($"/api/v1/assessments/{slug}", new { rating = "substantial", rationale = "Law in force.", version = detail["version"]!.GetValue<int>() }).OkAsync();
        await client.PostJsonAsync($"/api/v1/assessments/{slug}/submit", new { }).OkAsync();
        (await reviewer.PostJsonAsync($"/api/v1/assessments/{slug}/publish", new { })).IsSuccessStatusCode.Should().BeFalse("an assessment needs a citation");
        await reviewer.PostJsonAsync($"/api/v1/assessments/{slug}/send-back", new { comment = "cite it" }).OkAsync();

        // The reviewer who sent it back took part in the change: a second reviewer publishes it.
        var (_, second) = await editor.ReviewerAsync();
        await RateCiteAndPublishAsync(client, second, slug, "substantial");
        var published = await anonymous.GetAsync($"/api/v1/assessments/{slug}", Ct).OkAsync();
        published["rating"]!.GetValue<string>().Should().Be("Substantial");
        published["citations"]!.AsArray().Should().ContainSingle();

        var cards = await anonymous.GetAsync($"/api/v1/scorecards?series=pall-mall-code&quarter={q}", Ct).OkAsync();
        var uk = cards["cards"]!.AsArray().Single(c => c!["actorSlug"]!.GetValue<string>() == "united-kingdom")!;
        uk["score"]!.GetValue<double>().Should().Be(67);
        uk["rated"]!.GetValue<int>().Should().Be(1);
        uk["change"].Should().BeNull();
        cards["cards"]!.AsArray().Single(c => c!["actorSlug"]!.GetValue<string>() == "france")!["score"].Should().BeNull();

        // Immutable: the API refuses, and so does the context itself.
        var edit = await (await client.PutJsonAsync($"/api/v1/assessments/{slug}", new { rating = "complete", version = published["version"]!.GetValue<int>() })).ShouldBeProblemAsync(400);
        edit["errors"]!["status"]![0]!.GetValue<string>().Should().Contain("correction");
        await using (var db = editor.CreateDb())
        {
            var stored = await db.Assessments.AsTracking().SingleAsync(x => x.Slug == slug, Ct);
            stored.Rating = 4;
            var save = () => db.SaveChangesAsync(Ct);
            await save.Should().ThrowAsync<InvalidOperationException>().WithMessage("*published*correction*");
        }

        // Carry forward: the next quarter starts from the published rating; rating it higher shows the change.
        var next = Next(q);
        (await client.CreatedAsync("/api/v1/quarters", new { code = next }))["carriedForward"]!.GetValue<int>().Should().Be(1);
        var carried = await AssessmentAsync(client, next, "united-kingdom", "A1");
        carried["rating"]!.GetValue<int>().Should().Be(3);
        carried["status"]!.GetValue<string>().Should().Be("draft");
        await RateCiteAndPublishAsync(client, reviewer, carried["slug"]!.GetValue<string>(), "complete");
        var after = await anonymous.GetAsync($"/api/v1/scorecards?quarter={next}", Ct).OkAsync();
        var ukAfter = after["cards"]!.AsArray().Single(c => c!["actorSlug"]!.GetValue<string>() == "united-kingdom")!;
        ukAfter["score"]!.GetValue<double>().Should().Be(100);
        ukAfter["change"]!.GetValue<double>().Should().Be(33);
        var compare = await anonymous.GetAsync($"/api/v1/quarters/compare?a={q}&b={next}", Ct).OkAsync();
        compare["improved"]!.GetValue<int>().Should().Be(1);
        var csv = await (await anonymous.GetAsync($"/api/v1/scorecards/csv?quarter={next}", Ct)).Content.ReadAsStringAsync(Ct);
        csv.Should().StartWith("actor,name,country,series,quarter,pillar").And.Contain($"united-kingdom,United Kingdom,GB,pall-mall-code,{next},all,{ukAfter["commitments"]!.GetValue<int>()},1,100.0,67.0,33.0,");
        ukAfter["commitments"]!.GetValue<int>().Should().BeGreaterThan(10, "rated out of the Code's commitments, not out of what was published");

        // A correction is a new edition; the published one stays.
        var correction = await client.CreatedAsync($"/api/v1/assessments/{slug}/corrections", new { });
        correction["row"]!["edition"]!.GetValue<int>().Should().Be(2);
        correction["supersedes"]!.GetValue<string>().Should().Be(slug);
        (await anonymous.GetAsync($"/api/v1/assessments/{slug}", Ct).OkAsync())["rating"]!.GetValue<string>().Should().Be("Substantial");

        await client.PostJsonAsync($"/api/v1/quarters/{q}/close", new { }).OkAsync();
        var progress = await client.GetAsync($"/api/v1/quarters/{q}/progress", Ct).OkAsync();
        progress["quarter"]!["state"]!.GetValue<string>().Should().Be("closed");
        progress["overall"]!["published"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task FocalPoint_FilesOnlyTheirOwnStatesReport_AndSeesNoOther()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var client = editor.CreateClient();
        var q = NewQuarter();
        var (_, gbToken) = await editor.CreateAccountAsync(Unique("fp-gb"), [Roles.FocalPoint], Marking.Clear, focalPointCountry: "GB");
        var (_, frToken) = await editor.CreateAccountAsync(Unique("fp-fr"), [Roles.FocalPoint], Marking.Clear, focalPointCountry: "FR");
        var (_, readOnly) = await editor.CreateAccountAsync(Unique("fp-ro"), [Roles.FocalPoint], Marking.Clear, TokenScope.Read, focalPointCountry: "GB");
        var gb = editor.CreateClient(gbToken);
        var fr = editor.CreateClient(frToken);

        var created = await gb.PostJsonAsync("/api/v1/national-reports", new { country = "GB", quarter = q, commitment = UkA1, selfRating = "complete", actions = "A statutory oversight body was set up.", evidenceLinks = "https://www.gov.uk/example" });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var filed = await created.ReadJsonAsync();
        filed["actorSlug"]!.GetValue<string>().Should().Be("united-kingdom");
        filed["status"]!.GetValue<string>().Should().Be("draft");
        var slug = filed["slug"]!.GetValue<string>();
        var edited = await gb.PostJsonAsync("/api/v1/national-reports", new { country = "GB", quarter = q, commitment = UkA1, selfRating = "complete", actions = "Updated.", submit = true, version = 1 }).OkAsync();
        edited["status"]!.GetValue<string>().Should().Be("in-review");

        await (await fr.PostJsonAsync("/api/v1/national-reports", new { country = "GB", quarter = q, commitment = UkA1, selfRating = "limited" })).ShouldBeProblemAsync(403);
        await (await gb.PostJsonAsync("/api/v1/national-reports", new { country = "FR", quarter = q, commitment = UkA1, selfRating = "limited" })).ShouldBeProblemAsync(403);
        await (await client.PostJsonAsync("/api/v1/national-reports", new { country = "GB", quarter = q, commitment = UkA1, selfRating = "limited" })).ShouldBeProblemAsync(403);
        await (await editor.CreateClient(readOnly).PostJsonAsync("/api/v1/national-reports", new { country = "GB", quarter = q, commitment = UkA1, selfRating = "limited", version = 2 })).ShouldBeProblemAsync(403);

        await (await fr.GetAsync($"/api/v1/national-reports/{slug}", Ct)).ShouldBeProblemAsync(404);
        (await fr.GetAsync($"/api/v1/national-reports?quarter={q}", Ct).OkAsync()).AsArray().Should().BeEmpty();
        (await gb.GetAsync($"/api/v1/national-reports?quarter={q}", Ct).OkAsync()).AsArray().Should().ContainSingle();
        await (await editor.Anonymous().GetAsync($"/api/v1/national-reports/{slug}", Ct)).ShouldBeProblemAsync(404);

        // Pages: the worksheet is the focal point's own state; another state's report is not found.
        var page = await gb.GetStringAsync($"/commitments/national-reports?quarter={q}", Ct);
        page.Should().Contain("United Kingdom").And.Contain("Updated.").And.NotContain("name=\"country\" value=\"FR\"");
        (await fr.GetAsync($"/commitments/national-reports/{slug}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await gb.GetAsync($"/commitments/national-reports/{slug}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        // Beside civil society's assessment: an editor sees the claim and where it diverges.
        await client.CreatedAsync("/api/v1/quarters", new { code = q });
        var card = await client.GetAsync($"/api/v1/scorecards/actors/united-kingdom?quarter={q}", Ct).OkAsync();
        var line = card["lines"]!.AsArray().Single(l => l!["code"]!.GetValue<string>() == "A1" && l["series"]!.GetValue<string>() == "pall-mall-code")!;
        line["selfRating"]!.GetValue<string>().Should().Be("Complete");
        line["nationalReportSlug"]!.GetValue<string>().Should().Be(slug);
    }

    [Fact]
    public async Task Frameworks_Endorsements_AndWordsVsActions_FromTheStarterData()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var anonymous = editor.Anonymous();

        var frameworks = (await anonymous.GetAsync("/api/v1/frameworks", Ct).OkAsync()).AsArray();
        frameworks.Select(f => f!["series"]!.GetValue<string>()).Should().Contain(["pall-mall-code", "joint-statement", "know-your-customer", "nso-human-rights-policy"]);
        var code = await anonymous.GetAsync("/api/v1/frameworks/pall-mall-code-of-practice", Ct).OkAsync();
        code["provenance"]!.GetValue<string>().Should().Contain("Paraphrased");
        code["commitments"]!.AsArray().Select(c => c!["pillar"]!.GetValue<string>()).Should().Contain(["accountability", "precision", "oversight", "transparency"]);
        code["endorsements"]!.AsArray().Count.Should().BeGreaterThanOrEqualTo(20);
        code["endorsements"]!.AsArray().Should().OnlyContain(e => e!["citations"]!.AsArray().Count > 0);

        var us = (await anonymous.GetAsync("/api/v1/contradictions?actor=united-states", Ct).OkAsync()).AsArray();
        us.Should().Contain(c => c!["eventKind"]!.GetValue<string>() == "supply" && c["eventDate"]!.GetValue<string>() == "2024-09-27");
        us.Should().OnlyContain(c => c!["citations"]!.AsArray().Count > 0);

        // NSO Group's 2019 policy against what followed: incidents with its tools and measures against it,
        // each dated after 2019 (the WhatsApp suit of 2019-10 is not certainly after a policy dated "2019").
        var nso = (await anonymous.GetAsync("/api/v1/contradictions?actor=nso-group", Ct).OkAsync()).AsArray();
        nso.Should().Contain(c => c!["eventKind"]!.GetValue<string>() == "incident" && c["link"]!.GetValue<string>().StartsWith("/incidents/"));
        nso.Should().Contain(c => c!["eventKind"]!.GetValue<string>() == "measure" && c["eventDate"]!.GetValue<string>() == "2021-11-04");
        nso.Should().OnlyContain(c => string.CompareOrdinal(c!["eventDate"]!.GetValue<string>(), "2020") >= 0);
        // Each event shows its evidence, unless every citation of it is marked above the public's clearance
        // (the starter incident whose headlines identify its target is cited at RED only).
        var uncited = nso.Where(c => c!["citations"]!.AsArray().Count == 0).Select(c => c!["eventKey"]!.GetValue<string>()).ToList();
        await using (var db = editor.CreateDb())
        {
            foreach (var key in uncited)
            {
                key.Should().StartWith("incident:", "only incidents rest on restricted sources in the starter data");
                var markings = await db.Citations.IgnoreQueryFilters().Where(c => c.Incident!.Slug == key.Substring("incident:".Length))
                    .Select(c => c.Marking).ToListAsync(Ct);
                markings.Should().NotBeEmpty(key).And.OnlyContain(m => m != Marking.Clear, $"{key} shows no citation to the public");
            }
        }
        var nsoPage = await anonymous.GetStringAsync("/scorecards/nso-group", Ct);
        nsoPage.Should().Contain(">NSO Group Human Rights Policy (2019)</h2>", "a card is headed by its framework's name")
            .And.Contain($"<a href=\"{nso.First(c => c!["eventKind"]!.GetValue<string>() == "incident")!["link"]!.GetValue<string>()}\">");
        (await anonymous.GetAsync("/api/v1/rating-scale", Ct).OkAsync())["steps"]!.AsArray().Should().HaveCount(5);
        (await anonymous.GetAsync("/scorecards", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetStringAsync("/commitments/frameworks/pall-mall-code-of-practice", Ct)).Should().Contain("Paraphrased from secondary sources");
    }
}

[Collection(SqliteApiCollection.Name)]
[Trait("Database", "Sqlite")]
public sealed class CommitmentsApiOnSqlite(SqliteEditorApp app) : CommitmentsApiTests(app);

[Collection(PostgresApiCollection.Name)]
[Trait("Database", "Postgres")]
public sealed class CommitmentsApiOnPostgres(PostgresEditorApp app) : CommitmentsApiTests(app);
