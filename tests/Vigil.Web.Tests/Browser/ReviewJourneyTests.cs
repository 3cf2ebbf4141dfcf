using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// Four eyes and conflicts in a real Chromium. Each browser context is one person: it carries that
/// person's API token in an Authorization header (pages accept tokens as well as the session cookie),
/// so these tests do not depend on the sign-in pages.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Database", "Sqlite")]
public sealed class ReviewJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EditorCreatesAndSubmits_ReviewerPublishesFromTheQueue_ThePublicThenFindsIt()
    {
        var name = $"Glasswing Intercept {Guid.NewGuid().ToString("N")[..6]}";
        await using var editor = await ContextAsync(await TokenAsync([Roles.Editor]));
        await using var reviewer = await ContextAsync(await TokenAsync([Roles.Reviewer]));
        await using var anonymous = await ContextAsync(null);

        var page = await editor.NewPageAsync();
        await page.GotoAsync("/actors/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Kind").SelectOptionAsync("company");
        await page.GetByLabel("Country (ISO 3166-1 alpha-2 code, e.g. GR)").FillAsync("GR");
        await page.GetByLabel("Description").FillAsync("Sells interception kits to police forces.");
        await page.GetByLabel("Also known as (one name per line)").FillAsync("Glasswing\nGW Intercept");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();
        var slug = page.Url.Split('/').Last();
        (await page.Locator(".status").First.InnerTextAsync()).Should().Be("draft");

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        (await page.Locator(".status").First.InnerTextAsync()).Should().Be("in review");
        await CiteAsync(slug);

        // The editor sees the item in the queue but may not publish it.
        await page.GotoAsync("/review");
        (await page.Locator("main").InnerTextAsync()).Should().Contain(name);
        (await page.GetByRole(AriaRole.Heading, new() { Name = name }).IsVisibleAsync()).Should().BeTrue();
        (await page.GetByRole(AriaRole.Button, new() { Name = $"Publish {name}" }).CountAsync()).Should().Be(0, "only reviewers get the publish form");

        var review = await reviewer.NewPageAsync();
        await review.GotoAsync("/review");
        var item = review.Locator(".review-item", new() { Has = review.GetByRole(AriaRole.Heading, new() { Name = name }) });
        (await item.Locator("table.diff").InnerTextAsync()).Should().Contain("name").And.Contain(name);
        await item.GetByRole(AriaRole.Button, new() { Name = $"Publish {name}" }).ClickAsync();
        await review.GetByRole(AriaRole.Status).WaitForAsync();
        (await review.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain("Published");

        var reader = await anonymous.NewPageAsync();
        await reader.GotoAsync($"/search?q={Uri.EscapeDataString(name)}");
        await reader.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).First.ClickAsync();
        await reader.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();
        (await reader.Locator(".status").First.InnerTextAsync()).Should().Be("published");
        (await reader.GetByRole(AriaRole.Link, new() { Name = "Edit" }).CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task TwoEditorsChangeOneRecord_TheSecondSaveShowsTheConflict_AndTheFirstEditStays()
    {
        var slug = $"conflict-target-{Guid.NewGuid().ToString("N")[..6]}";
        await using (var db = session.Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = slug, Name = "Conflict Target", ActorKind = ActorKind.Company, Status = ReviewStatus.Draft });
            await db.SaveChangesAsync(Ct);
        }
        await using var first = await ContextAsync(await TokenAsync([Roles.Editor]));
        await using var second = await ContextAsync(await TokenAsync([Roles.Editor]));
        var one = await first.NewPageAsync();
        var two = await second.NewPageAsync();
        await one.GotoAsync($"/actors/{slug}/edit");
        await two.GotoAsync($"/actors/{slug}/edit");

        await one.GetByLabel("Name", new() { Exact = true }).FillAsync("Conflict Target First");
        await one.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await one.GetByRole(AriaRole.Heading, new() { Name = "Conflict Target First", Level = 1 }).WaitForAsync();

        await two.GetByLabel("Name", new() { Exact = true }).FillAsync("Conflict Target Second");
        await two.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await two.GetByRole(AriaRole.Heading, new() { Name = "Edit conflict", Level = 1 }).WaitForAsync();
        var table = await two.GetByRole(AriaRole.Table).InnerTextAsync();
        table.Should().Contain("Your version (not saved)").And.Contain("Conflict Target Second");
        table.Should().Contain("Stored version 2").And.Contain("Conflict Target First");
        (await two.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Contain("Nothing was saved");

        await using var check = session.Database.CreateContext();
        var stored = await check.Actors.SingleAsync(a => a.Slug == slug, Ct);
        stored.Name.Should().Be("Conflict Target First");
        stored.Version.Should().Be(2);
    }

    [Fact]
    public async Task AnAnonymousReader_NeverSeesADraftOrAnAmberRecord()
    {
        var amberName = $"Amberline Covert {Guid.NewGuid().ToString("N")[..6]}";
        var amberSlug = Slugify(amberName);
        await using (var db = session.Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = amberSlug, Name = amberName, ActorKind = ActorKind.Company, Marking = Marking.Amber, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }
        await using var anonymous = await ContextAsync(null);
        var page = await anonymous.NewPageAsync();
        foreach (var (name, slug) in new[] { (TestGraph.DraftName, TestGraph.DraftSlug), (amberName, amberSlug) })
        {
            await page.GotoAsync($"/search?q={Uri.EscapeDataString(name)}");
            (await page.Locator("main").InnerTextAsync()).Should().NotContain(name);
            var direct = await page.GotoAsync($"/actors/{slug}");
            direct!.Status.Should().Be(404);
            (await page.Locator("main").InnerTextAsync()).Should().NotContain(name);
            (await page.GotoAsync($"/actors/{slug}/history"))!.Status.Should().Be(404);
        }

        // Not vacuous: a cleared editor finds both.
        await using var editor = await ContextAsync(await TokenAsync([Roles.Editor]));
        var seen = await editor.NewPageAsync();
        foreach (var slug in new[] { TestGraph.DraftSlug, amberSlug })
        {
            (await seen.GotoAsync($"/actors/{slug}"))!.Status.Should().Be(200);
        }
    }

    private async Task<IBrowserContext> ContextAsync(string? token) =>
        await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = session.BaseUrl,
            ExtraHTTPHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        });

    /// <summary>A new account (two-factor on, RED clearance) and its read-write API token.</summary>
    private async Task<string> TokenAsync(string[] roles)
    {
        using var scope = session.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var name = $"browser-{roles[0]}-{Guid.NewGuid().ToString("N")[..8]}";
        var added = await sp.GetRequiredService<Accounts>().AddAsync("test", name, null, VigilApp.TestPassword, roles, Marking.Red, null, Ct);
        added.Succeeded.Should().BeTrue(added.Error);
        var users = sp.GetRequiredService<UserManager<Vigil.Security.Account>>();
        var account = (await users.FindByNameAsync(name))!;
        await users.SetTwoFactorEnabledAsync(account, true);
        return (await sp.GetRequiredService<ApiTokens>().CreateAsync(account, "browser", TokenScope.ReadWrite, TimeSpan.FromDays(1), "test", Ct)).Secret;
    }

    /// <summary>The evidence a publication needs, filed by the operator: a published citation of a published source.</summary>
    private async Task CiteAsync(string actorSlug)
    {
        await using var db = session.Database.CreateContext();
        var actor = await db.Actors.SingleAsync(a => a.Slug == actorSlug, Ct);
        var source = await db.Sources.FirstAsync(s => s.Status == ReviewStatus.Published && s.Marking == Marking.Clear, Ct);
        db.Citations.Add(new Citation { Slug = $"{actorSlug}-cite", SourceId = source.Id, ActorId = actor.Id, Credibility = 2, Status = ReviewStatus.Published });
        await db.SaveChangesAsync(Ct);
    }

    private static string Slugify(string name) => Vigil.Features.Common.Slugs.FromText(name);
}
