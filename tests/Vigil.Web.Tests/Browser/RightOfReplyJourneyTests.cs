using System.Globalization;
using FluentAssertions;
using Microsoft.Playwright;
using Vigil.Model;
using Vigil.Security;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// The right of reply in a real Chromium: an editor asks a vendor for comment about an incident from the
/// vendor's page, records its answer, and submits it; a reviewer publishes it; the public reads the answer
/// beside the incident and in the vendor dossier.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Database", "Sqlite")]
public sealed class RightOfReplyJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEditorAsks_RecordsTheAnswer_AReviewerPublishes_AndThePublicReadsItBesideTheClaimAndInTheDossier()
    {
        var tag = string.Concat(Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + (c % 26))));
        var name = $"Quillfeather Systems {tag}";
        var vendor = $"quillfeather-{tag}";
        var incidentTitle = $"Quillfeather implant on a journalist's phone {tag}";
        var incident = $"quillfeather-incident-{tag}";
        await using (var db = session.Database.CreateContext())
        {
            var actor = new Actor { Slug = vendor, Name = name, ActorKind = ActorKind.Company, Country = "CY", Status = ReviewStatus.Published };
            db.Actors.Add(actor);
            db.Incidents.Add(new Incident
            {
                Slug = incident, Title = incidentTitle, FirstSeen = "2026-02", Country = "GR", Status = ReviewStatus.Published,
                Vendors = [new IncidentVendor { Actor = actor }],
            });
            await db.SaveChangesAsync(Ct);
        }
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        const string answer = "Quillfeather sells only to vetted government customers and has opened an internal review.";
        await using var editor = await ContextAsync(await TokenAsync(Roles.Editor));
        await using var reviewer = await ContextAsync(await TokenAsync(Roles.Reviewer));
        await using var anonymous = await ContextAsync(null);

        // The editor finds the vendor, asks from its page, ticking the incident by name.
        var page = await editor.NewPageAsync();
        await page.GotoAsync($"/search?q={Uri.EscapeDataString(name)}");
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ask for a reply" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Ask {name} for a reply", Level = 1 }).WaitForAsync();
        (await page.GetByLabel("Sent on (YYYY-MM-DD)").InputValueAsync()).Should().Be(today);
        await page.GetByLabel("Channel").SelectOptionAsync("letter");
        await page.GetByLabel("What was asked").FillAsync("Was your product used against this journalist, and who was the customer?");
        await page.GetByLabel($"incident: {incidentTitle}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft request" }).ClickAsync();
        var heading = $"Request for comment to {name} of {today}";
        await page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 }).WaitForAsync();
        (await page.Locator("main").InnerTextAsync()).Should().Contain($"{name} was asked on {today}; an answer is due by");

        // The answer arrives: recorded on the request, then the draft goes to review.
        await page.GetByLabel("It answered").CheckAsync();
        await page.GetByLabel("On (YYYY-MM-DD)").FillAsync(today);
        await page.GetByLabel("The answer as received").FillAsync(answer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the answer" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "The answer", Level = 2 }).WaitForAsync();
        (await page.Locator("main").InnerTextAsync()).Should().Contain($"{name} replied on {today}").And.Contain("Kept as a source");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 }).WaitForAsync();
        (await page.Locator(".status").First.InnerTextAsync()).Should().Be("in review");

        var before = await anonymous.NewPageAsync();
        await before.GotoAsync($"/incidents/{incident}");
        (await before.Locator("main").InnerTextAsync()).Should().NotContain("replied on", "the public never sees a request in review");

        // A second person publishes it from the review queue.
        var review = await reviewer.NewPageAsync();
        await review.GotoAsync("/review");
        await review.GetByRole(AriaRole.Button, new() { Name = $"Publish {heading}" }).ClickAsync();
        await review.GetByRole(AriaRole.Status).WaitForAsync();

        // The public reads the answer beside the incident, on the vendor's page and in its dossier.
        var reader = await anonymous.NewPageAsync();
        await reader.GotoAsync($"/incidents/{incident}");
        var beside = await reader.Locator("section.right-of-reply").InnerTextAsync();
        beside.Should().Contain($"{name} replied on {today}: “{answer}”");
        await reader.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).First.ClickAsync();
        await reader.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();
        (await reader.Locator("section.right-of-reply").InnerTextAsync()).Should().Contain("answered 1 of 1 settled request (100%)");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Vendor dossier" }).ClickAsync();
        var dossier = await reader.Locator("main").InnerTextAsync();
        dossier.Should().Contain("Right of reply").And.Contain($"{name} replied on {today}").And.Contain($"Reply of {name} to a request for comment of {today}");
    }

    private Task<IBrowserContext> ContextAsync(string? token) => session.ContextAsync(token);

    /// <summary>A new account (two-factor on, RED clearance) and its read-write API token.</summary>
    private async Task<string> TokenAsync(string role) => (await session.AccountAsync([role], ct: Ct)).Token;
}
