using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Vigil.Model;
using Vigil.Security;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// The quarterly cycle in a real Chromium: an editor opens a quarter and rates a commitment with a
/// citation, a reviewer publishes it, and the public scorecard and its map change; a focal point files
/// their state's report and cannot reach another state's.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Database", "Sqlite")]
public sealed class ScorecardJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAssessReviewPublish_TheScorecardAndMapChange_AndAFocalPointStaysInTheirState()
    {
        var series = $"browser-code-{Guid.NewGuid().ToString("N")[..6]}";
        string commitmentSlug, foreignReport;
        await using (var db = session.Database.CreateContext())
        {
            var greece = await db.Actors.AsTracking().SingleAsync(a => a.Slug == "greece", Ct);
            var source = await db.Sources.AsTracking().OrderBy(s => s.Id).FirstAsync(s => s.Status == ReviewStatus.Published && s.Marking == Marking.Clear, Ct);
            var france = new Actor { Slug = $"{series}-france", Name = "French Republic", ActorKind = ActorKind.State, Country = "FR", Status = ReviewStatus.Published };
            var framework = new Framework { Slug = series, Name = "Browser Code of Practice", Series = series, Status = ReviewStatus.Published, Source = source };
            var commitment = new Commitment { Slug = $"{series}--o1", Framework = framework, Code = "O1", Pillar = "oversight", Text = "Establish independent oversight.", Status = ReviewStatus.Published };
            db.AddRange(france, framework, commitment,
                new Endorsement { Slug = $"greece--{series}", Actor = greece, Framework = framework, Date = "2025-04-04", Status = ReviewStatus.Published },
                new Endorsement { Slug = $"france--{series}", Actor = france, Framework = framework, Date = "2025-04-04", Status = ReviewStatus.Published },
                new NationalReport { Slug = $"{series}-france-report", Actor = france, Commitment = commitment, Quarter = "2026Q1", Actions = "French secret plan", Status = ReviewStatus.Draft });
            await db.SaveChangesAsync(Ct);
            commitmentSlug = commitment.Slug;
            foreignReport = $"{series}-france-report";
        }
        await using var editor = await ContextAsync(await TokenAsync([Roles.Editor]));
        await using var reviewer = await ContextAsync(await TokenAsync([Roles.Reviewer]));
        await using var anonymous = await ContextAsync(null);

        // Before: Greece is listed, not rated.
        var reader = await anonymous.NewPageAsync();
        await reader.GotoAsync($"/scorecards?series={series}&quarter=2026Q1");
        var greeceRow = reader.Locator("#scorecard-table tbody tr", new() { Has = reader.GetByRole(AriaRole.Link, new() { Name = "Hellenic Republic" }) });
        (await greeceRow.Locator("td.score").InnerTextAsync()).Should().Be("—");

        // The editor opens the quarter, rates the commitment and cites a source.
        var page = await editor.NewPageAsync();
        await page.GotoAsync("/commitments/quarters");
        await page.GetByLabel("Open quarter").FillAsync("2026Q1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("Opened 2026Q1");
        await page.GotoAsync($"/commitments/assessments/greece--{commitmentSlug}--2026q1");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Substantial" }).CheckAsync();
        await page.GetByLabel("Verifiable", new() { Exact = true }).SelectOptionAsync("yes");
        await page.GetByLabel("Rationale", new() { Exact = true }).FillAsync("An oversight board was created by law and reports yearly.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("Saved");
        var (_, sourceTitle) = await FirstSourceAsync();
        await page.GetByLabel("Source (its title)").FillAsync(sourceTitle);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add citation" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("Citation added");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("Submitted for review");

        // The reviewer publishes the citation and the assessment from the queue.
        var review = await reviewer.NewPageAsync();
        await review.GotoAsync("/review");
        await PublishAsync(review, sourceTitle);
        await PublishAsync(review, "Hellenic Republic · O1 · 2026Q1");

        // The public scorecard and its map change.
        await reader.GotoAsync($"/scorecards?series={series}&quarter=2026Q1");
        (await greeceRow.Locator("td.score").InnerTextAsync()).Should().Be("67.0");
        await reader.Locator("#scorecard-map[data-drawn='2']").WaitForAsync();
        (await reader.Locator("svg.world-map path.band-substantial").CountAsync()).Should().Be(1, "Greece is coloured by its score");
        (await reader.Locator("svg.world-map path.band-none").CountAsync()).Should().Be(1, "France signed but is not rated");

        // A focal point files Greece's report, and cannot reach France's.
        await using var focal = await ContextAsync(await TokenAsync([Roles.FocalPoint], "GR"));
        var fp = await focal.NewPageAsync();
        await fp.GotoAsync("/commitments/national-reports?quarter=2026Q1");
        (await fp.Locator("main").InnerTextAsync()).Should().Contain("Hellenic Republic").And.NotContain("French secret plan");
        await fp.Locator("details.report-form summary").First.ClickAsync();
        await fp.GetByLabel("Actions", new() { Exact = true }).FillAsync("Oversight board set up in March.");
        await fp.GetByLabel("Your rating").SelectOptionAsync("complete");
        await fp.GetByRole(AriaRole.Button, new() { Name = "Save report on O1" }).ClickAsync();
        (await fp.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("Report on O1 saved");
        var foreign = await fp.GotoAsync($"/commitments/national-reports/{foreignReport}");
        foreign!.Status.Should().Be(404);
        (await fp.Locator("main").InnerTextAsync()).Should().NotContain("French secret plan");
    }

    private static async Task PublishAsync(IPage review, string label)
    {
        var button = review.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Publish .*" + System.Text.RegularExpressions.Regex.Escape(label)) }).First;
        await button.ClickAsync();
        (await review.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("Published");
    }

    private async Task<(string Slug, string Title)> FirstSourceAsync()
    {
        await using var db = session.Database.CreateContext();
        // A title only one source has: the form picks the source by its title.
        var s = await db.Sources.Where(s => s.Status == ReviewStatus.Published && s.Marking == Marking.Clear)
            .Where(s => db.Sources.Count(o => o.Title == s.Title) == 1)
            .OrderBy(s => s.Id).Select(s => new { s.Slug, s.Title }).FirstAsync(Ct);
        return (s.Slug, s.Title);
    }

    private Task<IBrowserContext> ContextAsync(string? token) => session.ContextAsync(token);

    private async Task<string> TokenAsync(string[] roles, string? focalPoint = null) => (await session.AccountAsync(roles, focalPoint, ct: Ct)).Token;
}
