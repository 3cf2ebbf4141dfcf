using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Vigil.Features.Sanctions;
using Vigil.Model;
using Vigil.Security;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// The researcher's workbench in a real Chromium: a change set from drafts to the public in one review
/// step (journey a), a possible SDN match accepted from the match queue (e), and an admin finding a
/// reveal in the audit log (f). Each context is one person, carrying their API token.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Database", "Sqlite")]
public sealed class ReviewJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AVendorWithItsSourceCitationAndSupplyEdge_IsSubmittedAsOneChangeSet_AndPublishedByAReviewerInOneStep()
    {
        var tag = Letters();
        var name = $"Glasswing Intercept {tag}";
        var agencyName = $"Hellenic Intelligence Service {tag}";
        var agency = $"hellenic-intelligence-{tag}";
        await using (var db = session.Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = agency, Name = agencyName, ActorKind = ActorKind.PublicBody, Country = "GR", Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }
        await using var editor = await ContextAsync(await TokenAsync([Roles.Editor]));
        await using var reviewer = await ContextAsync(await TokenAsync([Roles.Reviewer]));
        await using var anonymous = await ContextAsync(null);

        // Every record through its form, reached by clicking: the vendor, then from its page a citation
        // with its new source written inline, then the supply edge with its evidence.
        var page = await editor.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("summary", new() { HasText = "New" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New actor" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Kind").SelectOptionAsync("company");
        await page.GetByLabel("Country (ISO 3166-1 alpha-2 code, e.g. GR)").FillAsync("GR");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();
        var vendor = page.Url.Split('/').Last();

        var sourceTitle = $"Report on {name}";
        await page.GetByRole(AriaRole.Link, new() { Name = "Cite a source" }).ClickAsync();
        await page.Locator("summary", new() { HasText = "Or write a new source" }).ClickAsync();
        await page.GetByLabel("Title of the new source").FillAsync(sourceTitle);
        await page.GetByLabel("Address (URL)").FillAsync($"https://example.org/glasswing-{tag}");
        await page.GetByLabel("Where in the source (page, section)").FillAsync("p. 3");
        await page.GetByLabel("Quote").FillAsync($"{name} sells interception kits to intelligence services.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save citation" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a relationship" }).ClickAsync();
        (await page.GetByLabel("From (an actor)").InputValueAsync()).Should().Be(name, "the form opened from the vendor's page starts from the vendor, by name");
        await page.GetByLabel("Source", new() { Exact = true }).FillAsync(sourceTitle);
        await page.GetByLabel("Where in the source (page, section)").FillAsync("p. 9");
        await page.GetByLabel("Quote").FillAsync("The service bought the kit in 2021.");
        await page.GetByLabel("Relationship", new() { Exact = true }).SelectOptionAsync("supplies");
        await page.GetByLabel("To (an actor, or a product for develops and operates)").FillAsync(agencyName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("is saved as a draft");
        (await page.Locator("main").InnerTextAsync()).Should().Contain(agencyName, "the draft edge shows on its editor's view of the vendor");
        // The edge has a page of its own, with the evidence it rests on.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Details of the relationship with {agencyName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"{name} supplies {agencyName}", Level = 1 }).WaitForAsync();
        (await page.Locator("main").InnerTextAsync()).Should().Contain("The service bought the kit in 2021.").And.Contain("p. 9");
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Submit for review" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Submit for review", Level = 1 }).WaitForAsync();
        await page.GetByLabel($"{name} (actor)").CheckAsync();
        // A title nobody has verified shows as the page's address, never as if it were the headline.
        await page.GetByLabel($"example.org/glasswing-{tag} (source)").CheckAsync();
        await page.GetByLabel($"{name} supplies {agencyName} (relationship)").CheckAsync();
        // The citations are complete when written: they wait in the queue already, beside the claims they
        // support, and are published with them. This new editor has no other drafts.
        (await page.Locator(".draft-list input[type=checkbox]").CountAsync()).Should().Be(3, "the vendor, its source and the supply edge");
        var title = $"{name}, its report and its supply to the service";
        await page.GetByLabel("Title of the change set").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit as one change set" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = title }).WaitForAsync();
        (await page.GetByRole(AriaRole.Button, new() { Name = $"Publish change set {title}" }).CountAsync()).Should().Be(0, "an editor does not publish");

        var review = await reviewer.NewPageAsync();
        await review.GotoAsync("/review");
        var set = review.Locator(".change-set", new() { Has = review.GetByRole(AriaRole.Heading, new() { Name = title }) });
        var text = await set.InnerTextAsync();
        text.Should().Contain(agencyName, "the edge names its ends").And.Contain("sells interception kits", "the quote stands beside the claim")
            .And.Contain("everyone, the public included").And.NotContain("toActorId");
        (await set.GetByRole(AriaRole.Link, new() { Name = name }).CountAsync()).Should().BeGreaterThan(0);
        await set.GetByRole(AriaRole.Button, new() { Name = $"Publish change set {title}" }).ClickAsync();
        await review.GetByRole(AriaRole.Status).WaitForAsync();
        (await review.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("Published change set");

        var reader = await anonymous.NewPageAsync();
        await reader.GotoAsync($"/search?q={Uri.EscapeDataString(name)}");
        await reader.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).First.ClickAsync();
        await reader.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();
        (await reader.Locator(".status").First.InnerTextAsync()).Should().Be("published");
        (await reader.Locator("main").InnerTextAsync()).Should().Contain(agencyName, "the published supply edge shows on the vendor's page");
        var edges = await anonymous.APIRequest.GetAsync($"/api/v1/relationships?actor={vendor}");
        edges.Status.Should().Be(200);
        (await edges.TextAsync()).Should().Contain("\"supplies\"").And.Contain(agency, "the public reads the published edge in the API too");
    }

    [Fact]
    public async Task AnSdnPossibleMatch_IsAcceptedFromTheMatchQueue_AndTheExistingActorTakesTheListing()
    {
        var tag = Letters();
        var existingName = $"Sara {Capital(tag)} Hamou";
        var existing = $"sara-{tag}-hamou";
        await using (var db = session.Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = existing, Name = existingName, ActorKind = ActorKind.Person, Country = "PL", Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }
        var entry = (48000 + Random.Shared.Next(1000, 9999)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-sdn-").FullName, "ofac-sdn-2024-04-26.csv");
        var row = $"{entry},\"HAMOU, Sara {Capital(tag)} Aleksandra\",\"individual\",\"CYBER2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 27 Jun 1984; nationality Poland; Gender Female.\"";
        await File.WriteAllTextAsync(file, row + "\r\n\u001a", Encoding.Latin1, Ct);
        await using (var db = session.Database.CreateContext())
        {
            var summary = await new ImportSdnHandler(db, TimeProvider.System).HandleAsync(file, null, ct: Ct);
            summary.Candidates.Should().Be(1, summary.ToString());
        }

        await using var editor = await ContextAsync(await TokenAsync([Roles.Editor]));
        var page = await editor.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Matches" }).ClickAsync();
        var match = page.Locator(".match", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = $"or {existingName}?" }) });
        var text = await match.InnerTextAsync();
        text.Should().Contain("Evidence for").And.Contain("Evidence against").And.Contain("same country: PL").And.Contain($"ofac:{entry}");
        await match.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^Accept: .* is {existingName}$") }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("Accepted").And.Contain(existingName);
        (await page.Locator(".match", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = $"or {existingName}?" }) }).CountAsync()).Should().Be(0);

        await using var check = session.Database.CreateContext();
        var actor = await check.Actors.Include(a => a.Identifiers).SingleAsync(a => a.Slug == existing, Ct);
        actor.Identifiers.Should().Contain(i => i.Scheme == "ofac" && i.Value == entry);
        (await check.MeasureTargets.CountAsync(t => t.ActorId == actor.Id, Ct)).Should().Be(1, "the CYBER2 listing now targets the existing actor");
        // The next snapshot finds her by the identifier: nothing is queued again.
        (await new ImportSdnHandler(check, TimeProvider.System).HandleAsync(file, null, ct: Ct)).Candidates.Should().Be(0);
    }

    [Fact]
    public async Task AnAdminFindsARevealInTheAuditLog_AndTheChainCheckSaysItIsIntact()
    {
        var (editorName, editorToken) = await AccountAsync([Roles.Editor], victimData: true);
        await using var editor = await ContextAsync(editorToken);
        var incident = await CreateAsync(editor, "/api/v1/incidents", new
        {
            title = $"Audit journey incident {Letters()}", firstSeen = "2024",
            targets = new[] { new { category = "journalist", consent = "public-record", identity = "Qzx Auditcanary" } },
        });
        var read = await editor.APIRequest.GetAsync($"/api/v1/incidents/{incident}");
        var pseudonym = System.Text.Json.JsonDocument.Parse(await read.TextAsync()).RootElement.GetProperty("targets")[0].GetProperty("pseudonym").GetString()!;
        var reveal = await editor.APIRequest.PostAsync($"/api/v1/targets/{pseudonym.ToLowerInvariant()}/reveal");
        reveal.Status.Should().Be(200, await reveal.TextAsync());

        var (_, adminToken) = await AccountAsync([Roles.Admin]);
        await using var admin = await ContextAsync(adminToken);
        var page = await admin.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 }).WaitForAsync();
        (await page.Locator(".audit-chain").InnerTextAsync()).Should().Contain("Intact");
        await page.GetByLabel("What").SelectOptionAsync("reveal");
        await page.GetByLabel("Who").FillAsync(editorName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("what=reveal", StringComparison.Ordinal));
        var rows = page.Locator("table.audit-log tbody tr");
        (await rows.CountAsync()).Should().Be(1);
        var row = await rows.First.InnerTextAsync();
        row.Should().Contain(editorName).And.Contain("reveal").And.Contain(pseudonym.ToLowerInvariant()).And.NotContain("Auditcanary");
        (await page.ContentAsync()).Should().NotContain("Auditcanary", "the audit log never holds an identity");
    }

    private static string Letters() => string.Concat(Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + (c % 26))));

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static async Task<string> CreateAsync(IBrowserContext context, string url, object body)
    {
        var response = await context.APIRequest.PostAsync(url, new() { DataObject = body });
        var text = await response.TextAsync();
        response.Status.Should().Be(201, $"POST {url}: {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("slug").GetString()!;
    }

    private Task<IBrowserContext> ContextAsync(string? token) => session.ContextAsync(token);

    private async Task<string> TokenAsync(string[] roles) => (await AccountAsync(roles)).Token;

    /// <summary>A new account (two-factor on, RED clearance) and its read-write API token.</summary>
    private Task<(string Name, string Token)> AccountAsync(string[] roles, bool victimData = false) => session.AccountAsync(roles, victimData: victimData, ct: Ct);
}
