using System.Text;
using FluentAssertions;
using Microsoft.Playwright;
using Vigil.Security;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// A compliance officer screens a CSV of twenty names in Chromium, saves the one that matches as a case and
/// decides it; a reviewer, a second person, confirms the decision. Reached by clicking from the home page.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Database", "Sqlite")]
public sealed class ScreeningJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Twenty names a vendor's compliance team might screen: Vigil's test graph knows two of them (one misspelt).</summary>
    private static readonly string[] s_names =
    [
        "Intelexa SA", "Tal Dilian", "Acme Logistics GmbH", "Northwind Traders", "Blue Harbor Consulting", "Oakridge Analytics Ltd",
        "Marisol Ventures", "Pinecrest Holdings", "Silverline Telecom", "Granite Peak Security", "Helios Data Systems",
        "Copperfield Imports", "Lakeside Medical Supplies", "Redwood Software AG", "Summit Freight", "Bright Meadow Farms",
        "Cobalt Street Partners", "Evergreen Textiles", "Harborview Shipping", "Quartz Engineering BV",
    ];

    [Fact]
    public async Task ACsvOfTwentyNames_IsScreened_OneIsSavedAsACase_DecidedAndConfirmedByASecondPerson()
    {
        await using var editor = await ContextAsync(await TokenAsync(Roles.Editor));
        await using var reviewer = await ContextAsync(await TokenAsync(Roles.Reviewer));
        var csv = new StringBuilder("name,country\n");
        foreach (var name in s_names)
        {
            csv.Append(name).Append(name.StartsWith("Intelexa", StringComparison.Ordinal) ? ",GR" : ",").Append('\n');
        }

        var page = await editor.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Screening", Exact = true }).First.ClickAsync();
        await page.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "prospects.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Screen", Exact = true }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().StartWith("20 names screened");
        var table = page.Locator("table.screening-results");
        (await table.Locator("tr.screening-match", new() { HasText = "Intellexa S.A." }).CountAsync()).Should().BeGreaterThan(0, "the misspelt name finds the vendor");
        (await table.Locator("tr.screening-match", new() { HasText = "Northwind Traders" }).CountAsync()).Should().Be(0, "an unknown company is no match");
        (await table.Locator("tr", new() { HasText = "Northwind Traders" }).CountAsync()).Should().BeGreaterThan(0, "every name screened has its row");
        (await page.GetByRole(AriaRole.Button, new() { NameString = "Save a case for" }).CountAsync()).Should().Be(20, "each screened name can be saved as its own case");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save a case for Intelexa SA" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Screening case", Level = 1 }).WaitForAsync();
        var casePath = new Uri(page.Url).AbsolutePath;
        casePath.Should().MatchRegex("^/screening/cases/[0-9]+$");
        (await page.Locator(".case-facts").InnerTextAsync()).Should().Contain("Intelexa SA").And.Contain("GR");
        (await page.Locator("table.screening-results").InnerTextAsync()).Should().Contain("Intellexa S.A.", "the case keeps the hits it was saved with");
        (await page.Locator(".case-status").InnerTextAsync()).Should().Be("open");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the decision" }).CountAsync()).Should().Be(0, "an editor does not confirm");
        await page.GetByLabel("Decision").SelectOptionAsync("refuse");
        await page.GetByLabel("Rationale").FillAsync("The prospect is the sanctioned vendor Intellexa S.A. (OFAC, CYBER2).");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await page.Locator(".case-decision", new() { HasText = "refuse" }).WaitForAsync();
        (await page.Locator(".case-confirmed").InnerTextAsync()).Should().Be("not confirmed");

        var review = await reviewer.NewPageAsync();
        await review.GotoAsync("/");
        await review.GetByRole(AriaRole.Link, new() { Name = "Screening", Exact = true }).First.ClickAsync();
        await review.GetByRole(AriaRole.Link, new() { Name = "Screening case files" }).ClickAsync();
        await review.Locator($"a[href='{casePath}']").First.ClickAsync();
        (await review.Locator(".case-decision").InnerTextAsync()).Should().Contain("refuse");
        await review.GetByRole(AriaRole.Button, new() { Name = "Confirm the decision" }).ClickAsync();
        await review.Locator(".case-confirmed", new() { HasText = "by browser-reviewer" }).WaitForAsync();
        (await review.GetByRole(AriaRole.Button, new() { Name = "Confirm the decision" }).CountAsync()).Should().Be(0, "a decision is confirmed once");

        await page.ReloadAsync();
        (await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).CountAsync()).Should().Be(0, "a confirmed decision is changed only once the case is reopened");
    }

    private Task<IBrowserContext> ContextAsync(string? token) => session.ContextAsync(token);

    /// <summary>A new account (two-factor on, RED clearance) with one role, and its read-write API token.</summary>
    private async Task<string> TokenAsync(string role) => (await session.AccountAsync([role], ct: Ct)).Token;
}
