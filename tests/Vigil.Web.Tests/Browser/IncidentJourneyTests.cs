using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Vigil.Model;
using Vigil.Security;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// Recording an incident with a target in Chromium, through review to publication: the public then sees
/// it in the list, the timeline and the statistics, with the target by pseudonym only; a reader cleared
/// for victim data reveals the identity with a button.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Database", "Sqlite")]
public sealed class IncidentJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EditorRecordsAnIncidentWithATarget_ReviewerPublishes_PublicSeesPseudonymOnly_ClearedReaderReveals()
    {
        var title = $"Predator against a journalist abroad {Guid.NewGuid().ToString("N")[..6]}";
        const string Name = "Xqvz Browsercanary";
        await using (var db = session.Database.CreateContext())
        {
            if (!await db.Actors.AnyAsync(a => a.Slug == "browser-state-eg", Ct))
            {
                db.Actors.Add(new Actor { Slug = "browser-state-eg", Name = "Egypt (browser test)", ActorKind = ActorKind.State, Country = "EG", Status = ReviewStatus.Published });
                await db.SaveChangesAsync(Ct);
            }
        }
        await using var editor = await ContextAsync(await TokenAsync([Roles.Editor]));
        await using var reviewer = await ContextAsync(await TokenAsync([Roles.Reviewer]));
        await using var anonymous = await ContextAsync(null);
        await using var cleared = await ContextAsync(await TokenAsync([Roles.Reader], victimData: true));

        var page = await editor.NewPageAsync();
        await page.GotoAsync("/incidents");
        await page.GetByRole(AriaRole.Link, new() { Name = "New incident" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("First seen (YYYY, YYYY-MM or YYYY-MM-DD)").FillAsync("2023-05");
        await page.GetByLabel("Forensic status").SelectOptionAsync("lab-confirmed");
        await page.GetByLabel("Vector").SelectOptionAsync("one-click");
        // By name, as a person writes them: no slug typed.
        await page.GetByLabel("Products (names, separated by ;)").FillAsync("Predator");
        await page.GetByLabel("Vendors (names, separated by ;)").FillAsync("intellexa s.a.");
        await page.GetByLabel("Operator (a name)").FillAsync("Egypt (browser test)");
        await page.GetByLabel("Confidence").SelectOptionAsync("high");
        // Two targets: a journalist named on the record, and a lawyer who asked not to be named.
        await page.GetByLabel("Category of target 1").SelectOptionAsync("journalist");
        await page.GetByLabel("Country of residence of target 1 (ISO code)").FillAsync("GR");
        await page.GetByLabel("Consent of target 1").SelectOptionAsync("public-record");
        await page.GetByLabel("Real identity of target 1 (encrypted; optional)").FillAsync(Name);
        await page.GetByLabel("Category of target 2").SelectOptionAsync("lawyer");
        await page.GetByLabel("Country of residence of target 2 (ISO code)").FillAsync("GR");
        await page.GetByLabel("Consent of target 2").SelectOptionAsync("do-not-name");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var afterSave = await page.Locator("main").InnerTextAsync();
        afterSave.Should().Contain(title, $"{page.Url}: {afterSave}");
        await page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 }).WaitForAsync();
        (await page.ContentAsync()).Should().NotContain(Name, "not even the editor who typed it sees it again without clearance");
        var slug = page.Url.Split('/').Last();
        var pseudonyms = await page.Locator(".target-table .pseudonym").AllInnerTextsAsync();
        pseudonyms.Should().HaveCount(2).And.OnlyContain(p => p.StartsWith("Target-"));
        // The journalist's pseudonym (the table's order follows the pseudonyms, which are random).
        var pseudonym = await page.Locator(".target-table tr", new() { HasText = "journalist" }).Locator(".pseudonym").InnerTextAsync();

        // Two sources, each cited through the form by its title.
        var sources = await SourceTitlesAsync(2);
        var tag = title[^6..];
        foreach (var (source, n) in sources.Select((t, n) => (t, n + 1)))
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Cite a source" }).ClickAsync();
            await page.GetByLabel("Source (its title)").FillAsync(source);
            await page.GetByLabel("Where in the source (page, section)").FillAsync($"p. {tag}{n}");
            await page.GetByLabel("Quote").FillAsync($"The device of target {n} was infected with Predator.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save citation" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 }).WaitForAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        (await page.Locator(".status").First.InnerTextAsync()).Should().Be("in review");

        var review = await reviewer.NewPageAsync();
        foreach (var n in new[] { 1, 2 })
        {
            await review.GotoAsync("/review");
            var citation = review.Locator(".review-item", new() { HasText = $"p. {tag}{n}" }).First;
            await citation.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Publish") }).First.ClickAsync();
            await review.GetByRole(AriaRole.Status).WaitForAsync();
        }
        await review.GotoAsync("/review");
        var item = review.Locator(".review-item", new() { Has = review.GetByRole(AriaRole.Heading, new() { Name = title }) });
        await item.GetByRole(AriaRole.Button, new() { Name = $"Publish {title}" }).ClickAsync();
        await review.GetByRole(AriaRole.Status).WaitForAsync();
        (await review.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("Published");

        var reader = await anonymous.NewPageAsync();
        await reader.GotoAsync("/incidents?transnational=true");
        await reader.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await reader.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 }).WaitForAsync();
        var text = await reader.Locator("main").InnerTextAsync();
        text.Should().Contain(pseudonyms[0]).And.Contain(pseudonyms[1]).And.Contain("journalist").And.Contain("lawyer").And.NotContain(Name);
        text.Should().Contain(sources[0]).And.Contain(sources[1], "both sources are cited on the public page");
        text.Should().ContainEquivalentOf("transnational repression");
        (await reader.GetByRole(AriaRole.Button, new() { Name = $"Reveal identity of {pseudonym}" }).CountAsync()).Should().Be(0);

        await reader.GotoAsync("/incidents/timeline?vendor=intellexa");
        (await reader.Locator("main").InnerTextAsync()).Should().Contain("2023").And.Contain(title);
        await reader.GotoAsync("/incidents/stats");
        (await reader.Locator(".headline").InnerTextAsync()).Should().Contain("1 government is suspected of using commercial spyware against people outside their borders");
        await reader.Locator("#stats-abroad").Locator("xpath=..").GetByRole(AriaRole.Link, new() { Name = "1" }).First.ClickAsync();
        await reader.GetByRole(AriaRole.Link, new() { Name = title }).WaitForAsync();

        var clearedPage = await cleared.NewPageAsync();
        await clearedPage.GotoAsync($"/incidents/{slug}");
        (await clearedPage.ContentAsync()).Should().NotContain(Name, "the identity is shown only on request");
        await clearedPage.GetByRole(AriaRole.Button, new() { Name = $"Reveal identity of {pseudonym}" }).ClickAsync();
        (await clearedPage.Locator(".revealed-identity").InnerTextAsync()).Should().Be(Name);
    }

    private Task<IBrowserContext> ContextAsync(string? token) => session.ContextAsync(token);

    private async Task<string> TokenAsync(string[] roles, bool victimData = false) => (await session.AccountAsync(roles, victimData: victimData, ct: Ct)).Token;

    /// <summary>Titles of published CLEAR sources that only one source has, so that the form picks each by its title.</summary>
    private async Task<List<string>> SourceTitlesAsync(int count)
    {
        await using var db = session.Database.CreateContext();
        return await db.Sources.Where(s => s.Status == ReviewStatus.Published && s.Marking == Marking.Clear)
            .Where(s => db.Sources.Count(o => o.Title == s.Title) == 1)
            .OrderBy(s => s.Id).Select(s => s.Title).Take(count).ToListAsync(Ct);
    }
}
