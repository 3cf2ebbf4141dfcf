using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Model;
using Vigil.Security;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// WCAG 2.1 AA (issue 20): axe-core and the reflow check over a list of pages, anonymous and signed in,
/// at 1,280 px and 320 px. Every other browser test is checked the same way through
/// <see cref="BrowserSession.Browser"/>; this list makes sure the pages no journey visits are checked too.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Database", "Sqlite")]
public sealed class AccessibilityTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private const string Password = "an accessible passphrase";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryPage_AnonymousAndSignedIn_HasNoWcag21AaViolation_At1280And320Px()
    {
        await GapViewTests.ArrangeMeasuresAsync(session);
        string product, source, measure;
        string? incident, framework;
        await using (var db = session.Database.CreateContext())
        {
            product = await db.Products.Where(p => p.Status == ReviewStatus.Published).Select(p => p.Slug).FirstAsync(Ct);
            source = await db.Sources.Where(s => s.Status == ReviewStatus.Published).Select(s => s.Slug).FirstAsync(Ct);
            measure = await db.Measures.Select(m => m.Slug).FirstAsync(Ct);
            incident = await db.Incidents.Select(i => i.Slug).FirstOrDefaultAsync(Ct);
            framework = await db.Frameworks.Select(f => f.Slug).FirstOrDefaultAsync(Ct);
        }
        string[] anonymous =
        [
            "/", "/search", "/search?kind=company", "/search?q=intellexa", "/countries", "/countries/GR",
            "/actors/intellexa", "/actors/intellexa/network", "/actors/intellexa/history",
            $"/products/{product}", $"/products/{product}/history", $"/sources/{source}", $"/sources/{source}/history",
            "/incidents", "/incidents/timeline", "/incidents/stats", "/measures", $"/measures/{measure}",
            "/gaps/intellexa", "/gaps/state/united-kingdom", "/scorecards", "/scorecards/greece",
            "/commitments", "/commitments/quarters", "/commitments/national-reports", "/account/login",
            .. incident is null ? Array.Empty<string>() : [$"/incidents/{incident}"],
            .. framework is null ? Array.Empty<string>() : [$"/commitments/frameworks/{framework}"],
        ];
        string[] editor = ["/", "/review", "/actors/new", "/actors/intellexa/edit", "/actors/intellexa", "/incidents/new", "/account", "/account/tokens", "/account/password", "/account/two-factor"];
        string[] reviewer = ["/review", "/actors/intellexa/history"];

        var findings = new List<string>();
        findings.AddRange(await VisitAsync(null, anonymous));
        findings.AddRange(await VisitAsync(await TokenAsync(Roles.Editor), editor));
        findings.AddRange(await VisitAsync(await TokenAsync(Roles.Reviewer), reviewer));
        var admin = await TokenAsync(Roles.Admin);
        findings.AddRange(await VisitAsync(admin, ["/admin/users", $"/admin/users/{_lastUser}"]));

        findings.Should().BeEmpty();
        session.Accessibility.Checked.Should().Contain(["/gaps/intellexa (anonymous)", "/account/login (anonymous)"]).And.Contain(p => p.StartsWith("/admin/users (token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFailedSignIn_FocusesTheErrorSummary_AndTheFieldsPointAtIt()
    {
        using (var scope = session.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<Accounts>().AddAsync("test", "a11y-reader", null, Password, [Roles.Reader], Marking.Clear, null, Ct)).Succeeded.Should().BeTrue();
        }
        await using var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = session.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        (await page.GetByLabel("User name").GetAttributeAsync("aria-invalid")).Should().BeNull("nothing failed yet");
        await page.GetByLabel("User name").FillAsync("a11y-reader");
        await page.GetByLabel("Password").FillAsync("not the passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await summary.WaitForAsync();
        (await summary.InnerTextAsync()).Should().Contain("The user name or password is not right.");
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).Should().Be("form-errors", "focus lands on the error summary");
        foreach (var field in new[] { "User name", "Password" })
        {
            (await page.GetByLabel(field).GetAttributeAsync("aria-invalid")).Should().Be("true");
            (await page.GetByLabel(field).GetAttributeAsync("aria-describedby")).Should().Be("form-errors");
        }
        // The refused state is only reached by a post, so it is checked here rather than by the revisit.
        (await Accessibility.RunAxeAsync(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task TheChecks_FindWhatTheyLookFor_OnAPageThatFails()
    {
        // Not vacuous: a page with a missing text alternative, faint text and a wide box fails both checks.
        await using var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 320, Height = 640 } });
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Bad</title></head><body><main>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
            <p style="color:#bbb;background:#fff">faint</p>
            <div style="width:900px">wide</div><table><tr><td style="min-width:900px">wide cell</td></tr></table>
            </main></body></html>
            """);
        var axe = await Accessibility.RunAxeAsync(page, "the bad page");
        axe.Should().Contain(f => f.StartsWith("axe image-alt (critical) on the bad page at 320 px: img", StringComparison.Ordinal));
        axe.Should().Contain(f => f.StartsWith("axe color-contrast", StringComparison.Ordinal));
        var reflow = await Accessibility.ReflowAsync(page, "the bad page");
        reflow.Should().Contain(f => f.Contains("wide in a 320 px viewport", StringComparison.Ordinal)).And.Contain(f => f.Contains("table is wider than the viewport", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AtTheWidthOfAPhone_TheHeaderSearchButtonIsWhole_AndTheGapTableScrollsInItsBox()
    {
        await GapViewTests.ArrangeMeasuresAsync(session);
        await using var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = session.BaseUrl, ViewportSize = new ViewportSize { Width = 320, Height = 640 } });
        var page = await context.NewPageAsync();
        foreach (var path in new[] { "/", "/gaps/intellexa", "/gaps/state/united-kingdom" })
        {
            await page.GotoAsync(path);
            var button = await page.Locator(".header-search").GetByRole(AriaRole.Button, new() { Name = "Search" }).BoundingBoxAsync();
            button.Should().NotBeNull();
            (button!.X + button.Width).Should().BeLessThanOrEqualTo(320, $"the Search button of {path} is not cut off");
            (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(320, $"{path} does not scroll sideways");
        }
        // At 640 px (200 % zoom) the gap page scrolls sideways no more than its table box does.
        await page.SetViewportSizeAsync(640, 800);
        await page.GotoAsync("/gaps/state/united-kingdom");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(640);
    }

    private string _lastUser = "";

    private async Task<IReadOnlyList<string>> VisitAsync(string? token, IEnumerable<string> paths)
    {
        await using var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = session.BaseUrl,
            ExtraHTTPHeaders = token is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        });
        var page = await context.NewPageAsync();
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            // A page that answers 404 (e.g. no scorecard series in this graph) is still checked: its error page is a page too.
            response!.Status.Should().BeLessThan(500, $"{path} is on the list of pages to check");
        }
        return await Accessibility.CheckAsync(context, paths);
    }

    /// <summary>A new account (two-factor on, RED clearance) and its read-write API token.</summary>
    private async Task<string> TokenAsync(string role)
    {
        var (name, token) = await session.AccountAsync([role], prefix: "a11y", ct: Ct);
        _lastUser = name;
        return token;
    }
}
