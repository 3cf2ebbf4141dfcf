using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Vigil.Model;
using Vigil.Security;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// The researcher's workbench in a real Chromium, clicked as a new user would from the home page, with no
/// slug typed anywhere: a sanction and its lifting (the gap view changes both times), a framework
/// amendment as a new version, and an incident cited through the form and published by a reviewer.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Database", "Sqlite")]
public sealed class WorkbenchJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private const string Treasury = "Treasury Sanctions Members of the Intellexa Commercial Spyware Consortium";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASanction_AndLaterItsLifting_ChangeTheGapView_BothTimes()
    {
        await ArrangeAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var title = $"UK sanction of Intellexa {tag}";
        // The test's own locator: another test's citation in the same queue may read "para. 9…" too.
        var locator = $"para. 9 ({tag})";
        await using var editor = await ContextAsync(await TokenAsync(Roles.Editor));
        await using var reviewer = await ContextAsync(await TokenAsync(Roles.Reviewer));
        await using var anonymous = await ContextAsync(null);

        var page = await editor.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("summary", new() { HasText = "New" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New measure" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "New measure", Level = 1 }).WaitForAsync();
        // Part of the source's title only: the form asks which one was meant (no JavaScript needed).
        await page.GetByLabel("Source", new() { Exact = true }).FillAsync("treasury sanctions");
        await page.GetByLabel("Where in the source (page, section)").FillAsync(locator);
        await page.GetByLabel("Quote").FillAsync("The United Kingdom froze the assets of Intellexa S.A.");
        await page.GetByLabel("Type").SelectOptionAsync("sanction");
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Imposed by (a state, agency, court or company)").FillAsync("United Kingdom");
        await page.GetByLabel("Against (1)").FillAsync("intellexa s.a.");
        await page.GetByLabel("In force from (YYYY, YYYY-MM or YYYY-MM-DD)").FillAsync("2026-10-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Contain("Nothing was saved");
        await page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^" + Regex.Escape(Treasury)) }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 }).WaitForAsync();
        var measurePath = new Uri(page.Url).AbsolutePath;
        (await page.Locator("main").InnerTextAsync()).Should().Contain("United Kingdom").And.Contain("Intellexa S.A.").And.Contain("2026-10-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a step" }).WaitForAsync();

        var review = await reviewer.NewPageAsync();
        // The citation first: its queue item names the measure too, so the measure's title alone would
        // pick whichever of the two comes first.
        await PublishFromQueueAsync(review, locator, "^Publish");
        (await review.Locator(".review-item", new() { HasText = title }).First.InnerTextAsync())
            .Should().Contain("Intellexa S.A.", "the queue names the measure's target").And.NotContain("actor #");
        await PublishFromQueueAsync(review, title, "^Publish");

        var reader = await anonymous.NewPageAsync();
        (await GapCellAsync(reader, measurePath)).Should().Be("filled", "the new sanction is in force");

        await page.GotoAsync(measurePath);
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a step" }).ClickAsync();
        await page.GetByLabel("Stage").SelectOptionAsync("lifted");
        await page.GetByLabel("Date (YYYY, YYYY-MM or YYYY-MM-DD)").FillAsync("2026-11-20");
        await page.GetByLabel("Source", new() { Exact = true }).FillAsync(Treasury);
        await page.GetByLabel("Note").FillAsync("Delisted after the company's dissolution.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save step" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("waits for a reviewer");
        (await GapCellAsync(reader, measurePath)).Should().Be("filled", "the lifting is not public before review");

        await PublishFromQueueAsync(review, title, "^Publish change");
        (await GapCellAsync(reader, measurePath)).Should().Be("lifted");
        await reader.GotoAsync(measurePath);
        (await reader.Locator("main").InnerTextAsync()).Should().Contain("lifted").And.Contain("2026-11-20");
    }

    [Fact]
    public async Task AFrameworkAmendment_IsANewVersion_ThePublicReadsOncePublished()
    {
        await ArrangeAsync();
        await using var editor = await ContextAsync(await TokenAsync(Roles.Editor));
        await using var reviewer = await ContextAsync(await TokenAsync(Roles.Reviewer));
        await using var anonymous = await ContextAsync(null);
        const string wording = "States publish every contract with a spyware vendor within 90 days.";

        var page = await editor.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Commitments", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Browser Code of Practice" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Amend (new version)" }).ClickAsync();
        await page.GetByLabel("Adopted on (YYYY, YYYY-MM or YYYY-MM-DD)").FillAsync("2026-11");
        await page.GetByLabel("Wording of T1").FillAsync(wording);
        await page.GetByLabel("Withdraw T2").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new version as a draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Browser Code of Practice", Level = 1 }).WaitForAsync();
        (await page.Locator(".kicker").First.InnerTextAsync()).Should().ContainEquivalentOf("version 2");
        (await page.Locator("main").InnerTextAsync()).Should().Contain(wording).And.NotContain("Keep a register of exports.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Amend (new version)" }).WaitForAsync();

        await PublishFromQueueAsync(await reviewer.NewPageAsync(), "Browser Code of Practice (version 2)", "^Publish");

        var reader = await anonymous.NewPageAsync();
        await reader.GotoAsync("/");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Commitments", Exact = true }).First.ClickAsync();
        await reader.GetByRole(AriaRole.Link, new() { Name = "Browser Code of Practice" }).First.ClickAsync();
        (await reader.Locator("main").InnerTextAsync()).Should().Contain("Report sales yearly.", "version 1 is kept as it was");
        await reader.GetByRole(AriaRole.Link, new() { Name = "version 2" }).ClickAsync();
        var text = await reader.Locator("main").InnerTextAsync();
        text.Should().Contain(wording).And.NotContain("Keep a register of exports.");
    }

    [Fact]
    public async Task AnIncident_IsCitedThroughTheForm_AndPublishedByAReviewer()
    {
        await ArrangeAsync();
        var title = $"Browser incident {Guid.NewGuid().ToString("N")[..6]}";
        var slug = Vigil.Features.Common.Slugs.FromText(title);
        await using (var db = session.Database.CreateContext())
        {
            db.Incidents.Add(new Incident { Slug = slug, Title = title, Country = "GR", Status = ReviewStatus.Draft });
            await db.SaveChangesAsync(Ct);
        }
        await using var editor = await ContextAsync(await TokenAsync(Roles.Editor));
        await using var reviewer = await ContextAsync(await TokenAsync(Roles.Reviewer));
        await using var anonymous = await ContextAsync(null);

        var page = await editor.NewPageAsync();
        await page.GotoAsync($"/incidents/{slug}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cite a source" }).ClickAsync();
        await page.GetByLabel("Source (its title)").FillAsync("Pegasus vs. Predator");
        await page.GetByLabel("Where in the source (page, section)").FillAsync("section 4");
        await page.GetByLabel("Quote").FillAsync("The journalist's phone was infected with Predator.");
        await page.GetByLabel("Credibility").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save citation" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Cite a source" }).WaitForAsync();

        var review = await reviewer.NewPageAsync();
        await PublishFromQueueAsync(review, "section 4", "^Publish");
        await PublishFromQueueAsync(review, title, "^Publish");

        var reader = await anonymous.NewPageAsync();
        (await reader.GotoAsync($"/incidents/{slug}"))!.Status.Should().Be(200);
        (await reader.Locator("main").InnerTextAsync()).Should().Contain("Pegasus vs. Predator").And.Contain("section 4");
        (await reader.GetByRole(AriaRole.Link, new() { Name = "Cite a source" }).CountAsync()).Should().Be(0, "the public gets no editing buttons");
    }

    [Fact]
    public async Task AProductAndItsDeveloper_AreRecordedFromTheNewMenu_AndPublishedAsOneSet()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var name = $"Nightjar {tag}";
        await using var editor = await ContextAsync(await TokenAsync(Roles.Editor));
        await using var reviewer = await ContextAsync(await TokenAsync(Roles.Reviewer));
        await using var anonymous = await ContextAsync(null);

        var page = await editor.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("summary", new() { HasText = "New" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New product" }).ClickAsync();
        await page.GetByLabel("Source", new() { Exact = true }).FillAsync("Pegasus vs. Predator");
        await page.GetByLabel("Where in the source (page, section)").FillAsync("section 2");
        await page.GetByLabel("Quote").FillAsync($"{name} is sold as a zero-click implant.");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Kind of product").SelectOptionAsync("spyware");
        await page.GetByLabel("Capabilities (one per line)").FillAsync("zero-click delivery\nmicrophone capture");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();
        (await page.Locator("main").InnerTextAsync()).Should().Contain("microphone capture").And.Contain("section 2", "the evidence is cited with the product");

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a developer" }).ClickAsync();
        (await page.GetByLabel("To (an actor, or a product for develops and operates)").InputValueAsync()).Should().Be(name);
        (await page.GetByLabel("Relationship", new() { Exact = true }).InputValueAsync()).Should().Be("develops");
        await page.GetByLabel("Source", new() { Exact = true }).FillAsync("Pegasus vs. Predator");
        await page.GetByLabel("Quote").FillAsync($"Intellexa markets {name}.");
        await page.GetByLabel("From (an actor)").FillAsync("intellexa s.a.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("is saved as a draft");

        await page.GetByRole(AriaRole.Link, new() { Name = "Submit for review" }).First.ClickAsync();
        await page.GetByLabel($"{name} (product)").CheckAsync();
        await page.GetByLabel($"Intellexa S.A. develops {name} (relationship)").CheckAsync();
        await page.GetByLabel("Title of the change set").FillAsync($"{name} and its developer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit as one change set" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"{name} and its developer" }).WaitForAsync();

        var review = await reviewer.NewPageAsync();
        await review.GotoAsync("/review");
        var set = review.Locator(".change-set", new() { Has = review.GetByRole(AriaRole.Heading, new() { Name = $"{name} and its developer" }) });
        (await set.InnerTextAsync()).Should().Contain("zero-click implant", "the product's evidence joined its set");
        await set.GetByRole(AriaRole.Button, new() { Name = $"Publish change set {name} and its developer" }).ClickAsync();
        await review.GetByRole(AriaRole.Status).WaitForAsync();
        (await review.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("Published change set");

        var reader = await anonymous.NewPageAsync();
        await reader.GotoAsync($"/search?q={Uri.EscapeDataString(name)}");
        await reader.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).First.ClickAsync();
        await reader.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();
        var text = await reader.Locator("main").InnerTextAsync();
        text.Should().Contain("Intellexa S.A.", "the public reads the published developer").And.Contain("zero-click implant");
        (await reader.GetByRole(AriaRole.Link, new() { Name = "Add a developer" }).CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task AnEditorRecordsASourceWithItsArchivedCopy_AndReadsItsHashOnThePage()
    {
        var title = $"Archived report {Guid.NewGuid().ToString("N")[..8]}";
        await using var editor = await ContextAsync(await TokenAsync(Roles.Editor));
        var page = await editor.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("summary", new() { HasText = "New" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New source" }).ClickAsync();
        await page.GetByLabel("Title (the document's own headline)").FillAsync(title);
        await page.GetByLabel("Address (URL)").FillAsync("https://example.org/archived-report");
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n");
        await page.GetByLabel("Archived copy (optional: PDF or saved HTML page, up to 25 MB)")
            .SetInputFilesAsync(new FilePayload { Name = "phone-of-a-named-person.pdf", MimeType = "application/pdf", Buffer = pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/sources/[a-z0-9-]+$"));
        // The copy is named after the source: an uploaded file's name may name a person.
        var copyName = page.Url.Split('/').Last() + ".pdf";
        await page.GetByRole(AriaRole.Link, new() { Name = copyName }).WaitForAsync();
        (await page.ContentAsync()).Should().NotContain("named-person");
        (await page.Locator("main").InnerTextAsync()).Should().Contain("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)))
            .And.Contain("PDF, 1 KB");

        // Not a PDF: refused on the page, by name, and the copy stays.
        await page.GetByLabel("Replace the archived copy (PDF or saved HTML page, up to 25 MB)")
            .SetInputFilesAsync(new FilePayload { Name = "invoice.pdf", MimeType = "application/pdf", Buffer = [0x4D, 0x5A, 0x00] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Store the copy" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Contain("neither a PDF nor an HTML page");
        (await page.GetByRole(AriaRole.Link, new() { Name = copyName }).CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task AnEndorsement_IsRecordedFromTheFrameworksPage_ByName_WithItsEvidence_AndPublishedAsOneSet()
    {
        await ArrangeAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var state = $"Republic of Testland {tag}";
        await using (var db = session.Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = $"testland-{tag}", Name = state, ActorKind = ActorKind.State, Country = "IS", Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }
        await using var editor = await ContextAsync(await TokenAsync(Roles.Editor));
        await using var reviewer = await ContextAsync(await TokenAsync(Roles.Reviewer));
        await using var anonymous = await ContextAsync(null);

        var page = await editor.NewPageAsync();
        await page.GotoAsync("/commitments/frameworks/browser-code");
        await page.GetByRole(AriaRole.Link, new() { Name = "Record an endorsement" }).ClickAsync();
        (await page.Locator("main").InnerTextAsync()).Should().Contain("Framework: Browser Code of Practice", "the framework the form was opened from is named, not asked");
        await page.GetByLabel("Source", new() { Exact = true }).FillAsync("Pegasus vs. Predator");
        await page.GetByLabel("Quote").FillAsync($"{state} joined the Code.");
        await page.GetByLabel("Who endorsed it (a state or a company)").FillAsync(state.ToUpperInvariant());
        await page.GetByLabel("Endorsed on (YYYY, YYYY-MM or YYYY-MM-DD)").FillAsync("2025-04-04");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Browser Code of Practice", Level = 1 }).WaitForAsync();
        (await page.Locator("#endorsements ~ *").First.InnerTextAsync()).Should().Contain(state).And.Contain("Pegasus vs. Predator");

        await page.GotoAsync("/review/submit");
        await page.GetByLabel($"{state} endorses Browser Code of Practice (endorsement)").CheckAsync();
        await page.GetByLabel("Title of the change set").FillAsync($"{state} endorses the code");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit as one change set" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"{state} endorses the code" }).WaitForAsync();

        var review = await reviewer.NewPageAsync();
        await review.GotoAsync("/review");
        var set = review.Locator(".change-set", new() { Has = review.GetByRole(AriaRole.Heading, new() { Name = $"{state} endorses the code" }) });
        await set.GetByRole(AriaRole.Button, new() { Name = $"Publish change set {state} endorses the code" }).ClickAsync();
        await review.GetByRole(AriaRole.Status).WaitForAsync();
        (await review.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("Published change set");

        var reader = await anonymous.NewPageAsync();
        await reader.GotoAsync("/commitments/frameworks/browser-code");
        (await reader.Locator("#endorsements ~ *").First.InnerTextAsync()).Should().Contain(state, "the public reads the published endorsement");
    }

    [Fact]
    public async Task ACommitment_IsCitedFromItsFrameworksPage_AndTheEditorComesBackToIt()
    {
        await ArrangeAsync();
        var locator = $"para. {Guid.NewGuid().ToString("N")[..6]}";
        await using var editor = await ContextAsync(await TokenAsync(Roles.Editor));

        var page = await editor.NewPageAsync();
        await page.GotoAsync("/commitments/frameworks/browser-code");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cite a source for T2" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Cite a source", Level = 1 }).WaitForAsync();
        await page.GetByLabel("Source (its title)").FillAsync("Pegasus vs. Predator");
        await page.GetByLabel("Where in the source (page, section)").FillAsync(locator);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save citation" }).ClickAsync();

        // Back on the framework's page, at the commitment, with the citation under it (in review).
        await page.GetByRole(AriaRole.Heading, new() { Name = "Browser Code of Practice", Level = 1 }).WaitForAsync();
        page.Url.Should().EndWith("/commitments/frameworks/browser-code#T2");
        (await page.Locator("li#T2").InnerTextAsync()).Should().Contain("Pegasus vs. Predator").And.Contain(locator);
        (await page.Locator("li#T1").InnerTextAsync()).Should().NotContain(locator);
    }

    /// <summary>The reviewer opens the queue and publishes the item whose text contains <paramref name="text"/>.</summary>
    private static async Task PublishFromQueueAsync(IPage review, string text, string button)
    {
        await review.GotoAsync("/review");
        var item = review.Locator(".review-item", new() { HasText = text }).First;
        await item.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(button) }).First.ClickAsync();
        await review.GetByRole(AriaRole.Status).WaitForAsync();
        // "Not done: Only a record in review is published…" contains the word too: the wrong item was clicked.
        (await review.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("ublished").And.NotContain("Not done");
    }

    /// <summary>The public opens the gap view of Intellexa S.A. from the home page and reads the cell that holds the measure.</summary>
    private static async Task<string> GapCellAsync(IPage reader, string measurePath)
    {
        await reader.GotoAsync("/");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Gaps", Exact = true }).ClickAsync();
        await reader.GetByLabel("Vendor", new() { Exact = true }).FillAsync("Intellexa S.A.");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Show gaps" }).ClickAsync();
        await reader.GetByRole(AriaRole.Heading, new() { Name = "Coordination gaps: Intellexa S.A.", Level = 1 }).WaitForAsync();
        var cell = reader.Locator($"td.gap-cell:has(a[href='{measurePath}'])");
        if (await cell.CountAsync() == 0)
        {
            return "none";
        }
        var classes = await cell.First.GetAttributeAsync("class") ?? "";
        return classes.Contains("lifted", StringComparison.Ordinal) ? "lifted" : classes.Contains("filled", StringComparison.Ordinal) ? "filled" : classes;
    }

    /// <summary>What the operator keeps beside the test graph: the United Kingdom, and a code with two commitments.</summary>
    private async Task ArrangeAsync()
    {
        await using var db = session.Database.CreateContext();
        // The starter data's slug: the gap view shows the Joint Statement's signatories by default, the UK among them.
        if (!await db.Actors.AnyAsync(a => a.Slug == "united-kingdom", Ct))
        {
            db.Actors.Add(new Actor { Slug = "united-kingdom", Name = "United Kingdom", ActorKind = ActorKind.State, Country = "GB", Status = ReviewStatus.Published });
        }
        if (!await db.Frameworks.AnyAsync(f => f.Slug == "browser-code", Ct))
        {
            var code = new Framework { Slug = "browser-code", Series = "browser-code", Name = "Browser Code of Practice", Date = "2025-04", Status = ReviewStatus.Published };
            code.Commitments.Add(new Commitment { Slug = "browser-code-t1", Code = "T1", Pillar = "transparency", Text = "Report sales yearly.", Position = 1, Status = ReviewStatus.Published });
            code.Commitments.Add(new Commitment { Slug = "browser-code-t2", Code = "T2", Pillar = "transparency", Text = "Keep a register of exports.", Position = 2, Status = ReviewStatus.Published });
            db.Frameworks.Add(code);
        }
        try
        {
            await db.SaveChangesAsync(Ct);
        }
        catch (DbUpdateException)
        {
            // Another test of the class arranged them first.
        }
    }

    private Task<IBrowserContext> ContextAsync(string? token) => session.ContextAsync(token);

    /// <summary>A new account (two-factor on, RED clearance) with one role, and its read-write API token.</summary>
    private async Task<string> TokenAsync(string role) => (await session.AccountAsync([role], ct: Ct)).Token;
}
