using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Vigil.Model;
using Vigil.Security;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// Imports in a real Chromium. Issue 18 item 4: an editor imports a CSV of 30 vendor → state-agency supply rows
/// with their sources from the home page (upload, map, dry run, import), the row naming an unknown
/// agency is listed with its row and column and not guessed, the rows land in one change set, a
/// reviewer publishes it, and the public reads one of the relationships.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Database", "Sqlite")]
public sealed class TableImportJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "tables", "vendor-agency-supplies.csv");

    private static readonly string[] s_vendors = ["Nimbus Intercept Ltd", "Corvid Signals SA", "Halyard Cyber GmbH", "Tessera Lawful Access", "Quillon Systems", "Marrow Forensics"];

    private static readonly (string Name, string Country)[] s_agencies =
    [
        ("Ruritanian State Security Bureau", "MD"), ("Bordurian Interior Surveillance Unit", "RS"), ("Syldavian Military Intelligence Directorate", "ME"),
        ("San Theodoros Federal Police", "BO"), ("Latverian Signals Agency", "HU"),
    ];

    [Fact]
    public async Task ACsvOf30Supplies_GoesThroughDryRunImportReviewAndPublish_TheUnknownAgencyListedNotGuessed()
    {
        await ArrangeAsync();
        await using var editor = await ContextAsync(await TokenAsync(Roles.Editor));
        await using var reviewer = await ContextAsync(await TokenAsync(Roles.Reviewer));
        await using var anonymous = await ContextAsync(null);
        var mappingName = $"supply ledger {Guid.NewGuid().ToString("N")[..6]}";

        var page = await editor.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("summary", new() { HasText = "New" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Import a table" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Import a table", Level = 1 }).WaitForAsync();
        await page.GetByLabel("Table (CSV or XLSX").SetInputFilesAsync(Fixture);
        await page.GetByLabel("The rows are").SelectOptionAsync("relationships");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();

        // The columns whose names say what they hold are chosen already; "Customer agency" is picked by hand.
        await page.GetByRole(AriaRole.Heading, new() { Name = "2. Which column holds what" }).WaitForAsync();
        (await page.GetByLabel("From actor (required)").InputValueAsync()).Should().Be("Vendor");
        (await page.GetByLabel("Source address (URL)").InputValueAsync()).Should().Be("Source URL");
        (await page.GetByLabel("To actor (or product) (required)").InputValueAsync()).Should().BeEmpty();
        await page.GetByLabel("To actor (or product) (required)").SelectOptionAsync("Customer agency");
        await page.GetByLabel("Save this mapping as (optional)").FillAsync(mappingName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview (dry run)" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "3. Dry run: nothing is written yet" }).WaitForAsync();
        (await page.Locator("p.result-count").InnerTextAsync()).Should().Contain("31 rows: 30 to create, 0 already in Vigil, 1 refused")
            .And.Contain("Leaked procurement ledger 2023").And.Contain("Court filing 22-cv-101").And.NotContain("Atlas of Surveillance Exports 2024");
        (await page.Locator("ul.refused-rows").InnerTextAsync()).Should().StartWith("row 17, column 'Customer agency': There is no actor 'Elbonian Ministry of State Security'.");
        (await page.Locator("tr.outcome-refused").InnerTextAsync()).Should().Contain("17").And.Contain("Quillon Systems supplies Elbonian Ministry of State Security");
        (await page.Locator("tr.outcome-create").CountAsync()).Should().Be(30);
        (await page.GetByRole(AriaRole.Status).First.InnerTextAsync()).Should().Contain($"Mapping saved as '{mappingName}'");
        await using (var db = session.Database.CreateContext())
        {
            (await db.Relationships.CountAsync(r => r.FromActor!.Name == "Quillon Systems", Ct)).Should().Be(0, "a dry run writes nothing");
        }

        // A file with a refused row is refused whole unless the editor leaves the row out on purpose.
        await page.GetByRole(AriaRole.Button, new() { Name = "Import and submit for review" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Contain("Nothing was imported").And.Contain("1 of 31 rows are refused; nothing was written.");
        await page.GetByLabel("Leave out the 1 refused row and import the others").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import and submit for review" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Imported", Level = 2 }).WaitForAsync();
        (await page.Locator("#imported + p").InnerTextAsync()).Should().MatchRegex(@"^30 records and 2 new sources are drafts in change set \d+, submitted for review");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the change set in the review queue" }).ClickAsync();
        var set = page.Locator(".review-item.change-set", new() { HasText = "Table vendor-agency-supplies.csv: 30 relationships" });
        (await set.Locator(".meta").First.InnerTextAsync()).Should().Contain("62 records", "30 relationships, their 30 citations and the 2 new sources");

        var anon = await anonymous.NewPageAsync();
        await anon.GotoAsync("/actors/tables-nimbus-intercept-ltd");
        (await anon.Locator("main").InnerTextAsync()).Should().NotContain("Ruritanian State Security Bureau", "nothing is public before review");

        var review = await reviewer.NewPageAsync();
        await review.GotoAsync("/review");
        await review.GetByRole(AriaRole.Button, new() { Name = "Publish change set Table vendor-agency-supplies.csv: 30 relationships" }).ClickAsync();
        (await review.GetByRole(AriaRole.Status).First.InnerTextAsync()).Should().Contain("Published change set");

        await anon.GotoAsync("/actors/tables-nimbus-intercept-ltd");
        var text = await anon.Locator("main").InnerTextAsync();
        text.Should().Contain("Ruritanian State Security Bureau");
        await anon.GetByRole(AriaRole.Link, new() { Name = "Details of the relationship with Ruritanian State Security Bureau" }).ClickAsync();
        (await anon.Locator("main").InnerTextAsync()).Should().Contain("Atlas of Surveillance Exports 2024").And.Contain("p. 3");
        await using (var db = session.Database.CreateContext())
        {
            (await db.Relationships.CountAsync(r => r.Status == ReviewStatus.Published && r.FromActor!.Slug.StartsWith("tables-"), Ct)).Should().Be(30);
        }

        // The saved mapping is offered with the next file.
        await page.GotoAsync("/import/table");
        (await page.GetByLabel("Saved mapping (optional)").InnerTextAsync()).Should().Contain(mappingName);
    }

    /// <summary>
    /// Issue 18 item 2 in a real Chromium: an editor imports Amnesty's Predator bundle from the New menu, its 343
    /// indicators wait as one change set with their citations and the bundle's source, nothing is public before a
    /// reviewer publishes the set in one step, and then the public finds the domain's product from the search page.
    /// </summary>
    [Fact]
    public async Task ALabsStixBundle_IsImportedFromTheNewMenu_AndPublishedAsOneSet()
    {
        await using var editor = await ContextAsync(await TokenAsync(Roles.Editor));
        await using var reviewer = await ContextAsync(await TokenAsync(Roles.Reviewer));
        await using var anonymous = await ContextAsync(null);
        const string title = "STIX bundle amnesty-2021-12-16-cytrox-predator.stix2: 343 indicators";

        var page = await editor.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("summary", new() { HasText = "New" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Import a STIX bundle" }).ClickAsync();
        await page.GetByLabel("Bundle").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "stix-bundles", "amnesty-2021-12-16-cytrox-predator.stix2"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("343 created (343 linked to a product").And.Contain("waiting for review in change set");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the change set" }).ClickAsync();
        var set = page.Locator(".review-item.change-set", new() { HasText = title });
        (await set.Locator(".meta").First.InnerTextAsync()).Should().Contain("687 records", "343 indicators, their 343 citations and the bundle's source");

        var anon = await anonymous.NewPageAsync();
        await anon.GotoAsync("/");
        await anon.GetByRole(AriaRole.Link, new() { Name = "Browse", Exact = true }).First.ClickAsync();
        await anon.GetByRole(AriaRole.Link, new() { Name = "Find an indicator" }).ClickAsync();
        await anon.GetByLabel("Domain, URL, IP address, e-mail address, hash, process or file name").FillAsync("mobnetlink1.com");
        await anon.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        (await anon.GetByRole(AriaRole.Heading, new() { Level = 2 }).First.InnerTextAsync()).Should().Be("0 indicators", "nothing is public before review");

        var review = await reviewer.NewPageAsync();
        await review.GotoAsync("/review");
        await review.GetByRole(AriaRole.Button, new() { Name = $"Publish change set {title}" }).ClickAsync();
        (await review.GetByRole(AriaRole.Status).First.InnerTextAsync()).Should().Contain("Published change set");

        await anon.ReloadAsync();
        (await anon.GetByRole(AriaRole.Heading, new() { Level = 2 }).First.InnerTextAsync()).Should().Be("1 indicator");
        await anon.GetByRole(AriaRole.Link, new() { Name = "Predator", Exact = true }).ClickAsync();
        await anon.GetByRole(AriaRole.Heading, new() { Name = "Predator", Level = 1 }).WaitForAsync();
    }

    /// <summary>The vendors and agencies the table names, and the one source Vigil already has.</summary>
    private async Task ArrangeAsync()
    {
        await using var db = session.Database.CreateContext();
        if (await db.Actors.AnyAsync(a => a.Slug == "tables-nimbus-intercept-ltd", Ct))
        {
            return;
        }
        foreach (var vendor in s_vendors)
        {
            db.Actors.Add(new Actor { Slug = "tables-" + Slug(vendor), Name = vendor, ActorKind = ActorKind.Company, Status = ReviewStatus.Published });
        }
        foreach (var (name, country) in s_agencies)
        {
            db.Actors.Add(new Actor { Slug = "tables-" + Slug(name), Name = name, ActorKind = ActorKind.PublicBody, Country = country, Status = ReviewStatus.Published });
        }
        db.Sources.Add(new Source { Slug = "tables-atlas-2024", Title = "Atlas of Surveillance Exports 2024", TitleVerified = true, Url = "https://example.org/atlas-2024", Status = ReviewStatus.Published });
        await db.SaveChangesAsync(Ct);
    }

    private static string Slug(string name) => Regex.Replace(name.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');

    private Task<IBrowserContext> ContextAsync(string? token) => session.ContextAsync(token);

    private async Task<string> TokenAsync(string role) => (await session.AccountAsync([role], ct: Ct)).Token;
}
