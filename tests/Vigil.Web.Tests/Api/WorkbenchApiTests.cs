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
/// The researcher's workbench through the API: measures and their steps, citations of incidents and
/// measures, framework amendments and the name lookup, written by an editor, published by a reviewer,
/// read by the public.
/// </summary>
public abstract class WorkbenchApiTests(VigilApp editor)
{
    [Fact]
    public async Task AMeasure_IsRecordedByName_WithItsEvidence_PublishedThroughReview_AndLiftedAsAStep()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var token = Guid.NewGuid().ToString("N")[..8];
        var client = editor.CreateClient();
        var (_, reviewer) = await editor.ReviewerAsync();
        var authority = await editor.AddActorAsync(Unique("ministry"), $"Ministère des Contrôles {token}", ActorKind.PublicBody, "FR");
        var vendor = await editor.AddActorAsync(Unique("vendor"), $"Vendor {token}");
        await using (var db = editor.CreateDb())
        {
            db.Actors.Attach(vendor);
            vendor.Aliases.Add(new ActorAlias { Name = $"Zoë Spyware {token}" });
            await db.SaveChangesAsync(Ct);
        }
        var source = await editor.AddSourceAsync(Unique("gazette"), $"Official Gazette notice {token}");

        // Names, an alias without its accent and in capitals, never a slug.
        var created = await client.CreatedAsync("/api/v1/measures", new
        {
            type = "sanction", title = $"Sanction of Vendor {token}",
            authority = $"ministere des controles {token}", targets = new[] { $"ZOE SPYWARE {token}" },
            programme = "Decree 2026-1", effectiveDate = "2026-01-15",
            evidence = new { source = $"Official Gazette notice {token}", locator = "art. 2", quote = "The assets of Vendor are frozen.", credibility = 1 },
        });
        var slug = created["slug"]!.GetValue<string>();
        created["authority"]!["slug"]!.GetValue<string>().Should().Be(authority.Slug);
        created["targets"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()).Should().Equal(vendor.Slug);
        created["stage"]!.GetValue<string>().Should().Be("in-force");
        created["status"]!.GetValue<string>().Should().Be("draft");
        created["steps"]!.AsArray().Should().ContainSingle(s => s!["stage"]!.GetValue<string>() == "in-force"
            && s["date"]!.GetValue<string>() == "2026-01-15" && s["source"]!["slug"]!.GetValue<string>() == source.Slug);
        created["citations"]!.AsArray().Should().ContainSingle().Which!["quote"]!.GetValue<string>().Should().Be("The assets of Vendor are frozen.");

        // The evidence went to review with the claim: the reviewer publishes both.
        var citation = (await client.GetAsync($"/api/v1/citations?subject=measure:{slug}", Ct).OkAsync())["items"]!.AsArray().Single()!;
        citation["status"]!.GetValue<string>().Should().Be("in-review");
        await reviewer.PostJsonAsync($"/api/v1/citations/{citation["slug"]!.GetValue<string>()}/publish", new { }).OkAsync();
        await ReviewSupport.PublishThroughReviewAsync(client, reviewer, $"/api/v1/measures/{slug}");
        var anonymous = editor.Anonymous();
        (await anonymous.GetAsync($"/api/v1/measures/{slug}", Ct).OkAsync())["stage"]!.GetValue<string>().Should().Be("in-force");

        // A stale version is refused with both versions, and nothing changes.
        var published = await client.GetAsync($"/api/v1/measures/{slug}", Ct).OkAsync();
        var version = published["version"]!.GetValue<int>();
        var stale = await (await client.PostJsonAsync($"/api/v1/measures/{slug}/steps", new { stage = "lifted", date = "2026-06-01", source = source.Slug, version = version - 1 }))
            .ShouldBeProblemAsync(409);
        stale["current"]!["version"]!.GetValue<int>().Should().Be(version);

        // The lifting of a published measure waits for a reviewer; the public still sees it in force.
        var lifting = await client.PostJsonAsync($"/api/v1/measures/{slug}/steps", new { stage = "lifted", date = "2026-06-01", source = $"Official Gazette notice {token}", note = "delisted", version });
        lifting.StatusCode.Should().Be(HttpStatusCode.Accepted, await lifting.Content.ReadAsStringAsync(Ct));
        (await anonymous.GetAsync($"/api/v1/measures/{slug}", Ct).OkAsync())["stage"]!.GetValue<string>().Should().Be("in-force");
        var queue = await client.GetAsync("/api/v1/reviews", Ct).OkAsync();
        var change = queue["changes"]!.AsArray().Select(c => c!["change"]!).Single(c => c["slug"]!.GetValue<string>() == slug);
        await reviewer.PostJsonAsync($"/api/v1/measures/{slug}/publish", new { change = change["id"]!.GetValue<long>() }).OkAsync();

        var lifted = await anonymous.GetAsync($"/api/v1/measures/{slug}", Ct).OkAsync();
        lifted["stage"]!.GetValue<string>().Should().Be("lifted");
        lifted["liftedDate"]!.GetValue<string>().Should().Be("2026-06-01");
        lifted["steps"]!.AsArray().Select(s => s!["stage"]!.GetValue<string>()).Should().Equal("in-force", "lifted");
    }

    [Fact]
    public async Task AMeasure_WithoutACitation_IsNotPublished_AndAnAmbiguousOrUnknownNameListsTheCandidates()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var token = Guid.NewGuid().ToString("N")[..8];
        var client = editor.CreateClient();
        var (_, reviewer) = await editor.ReviewerAsync();
        var authority = await editor.AddActorAsync(Unique("court"), $"Court {token}", ActorKind.PublicBody, "DE");
        await editor.AddActorAsync(Unique("twin"), $"Twin Labs {token}", country: "CY");
        await editor.AddActorAsync(Unique("twin"), $"Twin Labs {token}", country: "IL");

        var invalid = await (await client.PostJsonAsync("/api/v1/measures", new { type = "lawsuit", title = "Case", authority = $"Court {token}", targets = new[] { $"Twin Labs {token}", $"Nobody {token}" } }))
            .ShouldBeProblemAsync(400);
        var errors = invalid["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo("targets[0]", "targets[1]");
        errors["targets[0]"]![0]!.GetValue<string>().Should().Contain("names several").And.Contain("CY").And.Contain("IL");
        errors["targets[1]"]![0]!.GetValue<string>().Should().StartWith($"There is no actor 'Nobody {token}'");

        var measure = (await client.CreatedAsync("/api/v1/measures", new { type = "lawsuit", title = $"Case {token}", authority = authority.Slug }))["slug"]!.GetValue<string>();
        await client.PostJsonAsync($"/api/v1/measures/{measure}/submit", new { }).OkAsync();
        var refused = await (await reviewer.PostJsonAsync($"/api/v1/measures/{measure}/publish", new { })).ShouldBeProblemAsync(400);
        refused["errors"]!["status"]![0]!.GetValue<string>().Should().Contain("citation");
    }

    [Fact]
    public async Task AnIncident_IsCitedAndPublished_AndACitationOfARecordTheWriterCannotSee_Is404WithNothingWritten()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var token = Guid.NewGuid().ToString("N")[..8];
        var client = editor.CreateClient();
        var (_, reviewer) = await editor.ReviewerAsync();
        var source = await editor.AddSourceAsync(Unique("lab-report"), $"Lab report {token}");
        var authority = await editor.AddActorAsync(Unique("agency"), $"Agency {token}", ActorKind.PublicBody, "US");
        var incident = Unique("incident");
        var amberMeasure = Unique("amber-measure");
        await using (var db = editor.CreateDb())
        {
            db.Incidents.Add(new Incident { Slug = incident, Title = $"Incident {token}", Status = ReviewStatus.Draft });
            db.Measures.Add(new Measure { Slug = amberMeasure, Title = $"Amber measure {token}", Type = MeasureType.Investigation, AuthorityId = authority.Id, Marking = Marking.Amber, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }

        // Without a citation, the incident is not published.
        await client.PostJsonAsync($"/api/v1/incidents/{incident}/submit", new { }).OkAsync();
        (await (await reviewer.PostJsonAsync($"/api/v1/incidents/{incident}/publish", new { })).ShouldBeProblemAsync(400))["errors"]!["status"].Should().NotBeNull();

        var citation = await client.CreatedAsync("/api/v1/citations", new { source = source.Slug, subject = $"incident:{incident}", locator = "fig. 3", quote = "Pegasus infection confirmed", credibility = 1 });
        citation["subject"]!["type"]!.GetValue<string>().Should().Be("incident");
        citation["subject"]!["slug"]!.GetValue<string>().Should().Be(incident);
        (await client.GetAsync($"/api/v1/citations?subject=incident:{incident}", Ct).OkAsync()).Slugs().Should().Equal(citation["slug"]!.GetValue<string>());
        await ReviewSupport.PublishThroughReviewAsync(client, reviewer, $"/api/v1/citations/{citation["slug"]!.GetValue<string>()}");
        (await reviewer.PostJsonAsync($"/api/v1/incidents/{incident}/publish", new { }).OkAsync())["status"]!.GetValue<string>().Should().Be("published");
        (await editor.Anonymous().GetAsync($"/api/v1/incidents/{incident}", Ct).OkAsync())["citations"]!.AsArray().Should().ContainSingle();

        // A GREEN editor cannot see the AMBER measure: citing it is 404, the same as a missing one, and nothing is written.
        var (_, greenToken) = await editor.CreateAccountAsync(Unique("green-editor"), [Roles.Editor], Marking.Green);
        var green = editor.CreateClient(greenToken);
        var hidden = await (await green.PostJsonAsync("/api/v1/citations", new { source = source.Slug, subject = $"measure:{amberMeasure}" })).ShouldBeProblemAsync(404);
        var missing = await (await green.PostJsonAsync("/api/v1/citations", new { source = source.Slug, subject = $"measure:no-such-{token}" })).ShouldBeProblemAsync(404);
        hidden["title"]!.GetValue<string>().Should().Be(missing["title"]!.GetValue<string>());
        await using var check = editor.CreateDb();
        (await check.Citations.IgnoreQueryFilters().CountAsync(c => c.Measure!.Slug == amberMeasure, Ct)).Should().Be(0);
        // Not vacuous: a RED editor may cite it.
        await client.CreatedAsync("/api/v1/citations", new { source = source.Slug, subject = $"measure:{amberMeasure}", marking = "AMBER" });
    }

    [Fact]
    public async Task AFrameworkAmendment_IsANewEdition_WithItsCommitmentsCopied_AndPublishedWithThem()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var token = Guid.NewGuid().ToString("N")[..8];
        var client = editor.CreateClient();
        var (_, reviewer) = await editor.ReviewerAsync();
        var series = Unique("code");
        await using (var db = editor.CreateDb())
        {
            var framework = new Framework { Slug = series, Series = series, Name = $"Code {token}", Date = "2025-04", Status = ReviewStatus.Published };
            framework.Commitments.Add(new Commitment { Slug = series + "-a1", Code = "A1", Pillar = "accountability", Text = "Old wording", Position = 1, Status = ReviewStatus.Published });
            framework.Commitments.Add(new Commitment { Slug = series + "-a2", Code = "A2", Pillar = "oversight", Text = "Withdrawn one", Position = 2, Status = ReviewStatus.Published });
            db.Frameworks.Add(framework);
            await db.SaveChangesAsync(Ct);
        }
        var v1 = await client.GetAsync($"/api/v1/frameworks/{series}", Ct).OkAsync();
        var version = v1["version"]!.GetValue<int>();

        (await (await client.PostJsonAsync($"/api/v1/frameworks/{series}/editions", new { date = "2026-02", version = version + 5 })).ShouldBeProblemAsync(409))["current"].Should().NotBeNull();

        var amended = await client.CreatedAsync($"/api/v1/frameworks/{series}/editions", new
        {
            date = "2026-02", version, withdrawn = new[] { "A2" },
            commitments = new object[] { new { code = "A1", text = "New wording" }, new { code = "B1", pillar = "transparency", text = "Publish a yearly report" } },
        });
        var slug = amended["slug"]!.GetValue<string>();
        slug.Should().Be($"{series}-v2");
        amended["edition"]!.GetValue<int>().Should().Be(2);
        amended["status"]!.GetValue<string>().Should().Be("draft");
        amended["commitments"]!.AsArray().Select(c => $"{c!["code"]}: {c["text"]}").Should().Equal("A1: New wording", "B1: Publish a yearly report");

        // The old edition is not changed, and amending it again (not the latest) is refused.
        (await client.GetAsync($"/api/v1/frameworks/{series}", Ct).OkAsync())["commitments"]!.AsArray().Should().HaveCount(2);
        (await (await client.PostJsonAsync($"/api/v1/frameworks/{series}/editions", new { date = "2026-03", version })).ShouldBeProblemAsync(400))["errors"]!["version"].Should().NotBeNull();

        (await editor.Anonymous().GetAsync($"/api/v1/frameworks/{slug}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a draft edition is not public");
        await ReviewSupport.PublishThroughReviewAsync(client, reviewer, $"/api/v1/frameworks/{slug}");
        var read = await editor.Anonymous().GetAsync($"/api/v1/frameworks/{slug}", Ct).OkAsync();
        read["commitments"]!.AsArray().Select(c => c!["status"]!.GetValue<string>()).Should().Equal("published", "published");
        read["otherEditions"]!.AsArray().Select(e => e!["slug"]!.GetValue<string>()).Should().Equal(series);
    }

    [Fact]
    public async Task FrameworksAndCommitments_AreCitedLikeEveryClaim_AndThePublicReadsOnlyPublishedCitations()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var token = Guid.NewGuid().ToString("N")[..8];
        var client = editor.CreateClient();
        var (_, reviewer) = await editor.ReviewerAsync();
        var series = Unique("cited-code");
        await using (var db = editor.CreateDb())
        {
            var framework = new Framework { Slug = series, Series = series, Name = $"Cited Code {token}", Date = "2025-04", Status = ReviewStatus.Published };
            framework.Commitments.Add(new Commitment { Slug = series + "-a1", Code = "A1", Pillar = "accountability", Text = "Vet vendors", Position = 1, Status = ReviewStatus.Published });
            db.Frameworks.Add(framework);
            await db.SaveChangesAsync(Ct);
        }
        var source = await editor.AddSourceAsync(Unique("official-text"), $"The official text {token}");
        var onFramework = (await client.CreatedAsync("/api/v1/citations", new { source = source.Slug, subject = $"framework:{series}", locator = "preface", quote = "We commit.", credibility = 1 }))["slug"]!.GetValue<string>();
        var onCommitment = (await client.CreatedAsync("/api/v1/citations", new { source = source.Title, subject = $"commitment:{series}-a1", locator = "para. 12", credibility = 2 }))["slug"]!.GetValue<string>();
        var anonymous = editor.Anonymous();

        var draft = await anonymous.GetAsync($"/api/v1/frameworks/{series}", Ct).OkAsync();
        draft["citations"]!.AsArray().Should().BeEmpty("the citations are drafts");
        draft["commitments"]![0]!["citations"]!.AsArray().Should().BeEmpty();

        await ReviewSupport.PublishThroughReviewAsync(client, reviewer, $"/api/v1/citations/{onFramework}");
        await ReviewSupport.PublishThroughReviewAsync(client, reviewer, $"/api/v1/citations/{onCommitment}");
        var read = await anonymous.GetAsync($"/api/v1/frameworks/{series}", Ct).OkAsync();
        read["citations"]!.AsArray().Should().ContainSingle().Which!["locator"]!.GetValue<string>().Should().Be("preface");
        read["commitments"]![0]!["citations"]!.AsArray().Should().ContainSingle().Which!["locator"]!.GetValue<string>().Should().Be("para. 12");
        (await anonymous.GetAsync($"/api/v1/citations?subject=commitment:{series}-a1", Ct).OkAsync()).Slugs().Should().Equal(onCommitment);

        // A framework that is not there (or hidden) is not found, and nothing is written.
        (await client.PostJsonAsync("/api/v1/citations", new { source = source.Slug, subject = $"framework:{series}-missing" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using (var db = editor.CreateDb())
        {
            (await db.Citations.CountAsync(c => c.SourceId == source.Id, Ct)).Should().Be(2);
        }
    }

    [Fact]
    public async Task Lookup_FindsByNameOrAlias_IgnoringAccentsAndCase_AndNeverSuggestsAHiddenRecord()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var token = Guid.NewGuid().ToString("N")[..8];
        var visible = await editor.AddActorAsync(Unique("visible"), $"Société Générale d'Écoute {token}", ActorKind.Company, "FR");
        var hidden = await editor.AddActorAsync(Unique("hidden"), $"Societe Cachee {token}", ActorKind.Company, "FR", Marking.Amber);
        var anonymous = editor.Anonymous();

        var found = await anonymous.GetAsync($"/api/v1/lookup?q=SOCIETE%20GENERALE%20D'ECOUTE%20{token}&kind=company", Ct).OkAsync();
        found.Slugs().Should().Equal(visible.Slug);
        found["items"]![0]!["detail"]!.GetValue<string>().Should().Be("company · FR");
        (await anonymous.GetAsync($"/api/v1/lookup?q={token}&kind=actor", Ct).OkAsync()).Slugs().Should().NotContain(hidden.Slug);
        (await editor.CreateClient().GetAsync($"/api/v1/lookup?q={token}&kind=actor", Ct).OkAsync()).Slugs().Should().Contain(hidden.Slug, "the editor is cleared for AMBER");
        (await anonymous.GetAsync($"/api/v1/lookup?q={token}&kind=state", Ct).OkAsync()).Slugs().Should().BeEmpty("a company is not a state");
        (await (await anonymous.GetAsync("/api/v1/lookup?q=x&kind=alien&limit=99", Ct)).ShouldBeProblemAsync(400))["errors"]!.AsObject()
            .Select(e => e.Key).Should().BeEquivalentTo("kind", "limit");
    }

    [Fact]
    public async Task Lookup_FindsTyposAndOtherScripts_ThroughTheNameEngine_AfterWhatHoldsTheTextAsTyped()
    {
        TestDatabase.RequireAvailable(editor.Kind);
        var token = Guid.NewGuid().ToString("N")[..8];
        var dilian = await editor.AddActorAsync(Unique("dilian"), $"Dilian Arbitrage {token}", ActorKind.Company, "CY");
        var hidden = await editor.AddActorAsync(Unique("hidden"), $"Dilian Arbitrages {token}", ActorKind.Company, "CY", Marking.Amber);
        var anonymous = editor.Anonymous();

        // Neither query holds the name as written: only the engine (a typo, Greek letters) finds it.
        foreach (var q in new[] { $"Dillian Arbitrage {token}", $"Ντίλιαν Arbitrage {token}" })
        {
            var found = await anonymous.GetAsync($"/api/v1/lookup?q={Uri.EscapeDataString(q)}&kind=company", Ct).OkAsync();
            found.Slugs().Should().StartWith(dilian.Slug, q);
            found.Slugs().Should().NotContain(hidden.Slug, "the engine's hits go through the access rule too");
        }
        // A name typed as written still ranks before what the engine finds.
        (await editor.CreateClient().GetAsync($"/api/v1/lookup?q={Uri.EscapeDataString($"Dilian Arbitrages {token}")}&kind=company", Ct).OkAsync())
            .Slugs().Should().StartWith(hidden.Slug);
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteApiCollection.Name)]
public sealed class SqliteWorkbenchApiTests(SqliteEditorApp editor) : WorkbenchApiTests(editor);

[Trait("Database", "Postgres")]
[Collection(PostgresApiCollection.Name)]
public sealed class PostgresWorkbenchApiTests(PostgresEditorApp editor) : WorkbenchApiTests(editor);
