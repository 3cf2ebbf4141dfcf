using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>A procurement officer in Chromium: screens a vendor's name, opens its due-diligence report from the results.</summary>
[Trait("Category", "Browser")]
[Trait("Database", "Sqlite")]
public sealed class DiligenceJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>, IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = session.BaseUrl, ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
        });
        _page = await _context.NewPageAsync();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task FromScreening_TheOfficerScreensAName_AndOpensItsDueDiligenceReport()
    {
        await _page.GotoAsync("/");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Screening", Exact = true }).First.ClickAsync();
        await _page.GetByLabel("Name", new() { Exact = true }).FillAsync("Intelexa");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Screen", Exact = true }).ClickAsync();
        await _page.GetByRole(AriaRole.Link, new() { Name = "Due-diligence report (vendor): Intellexa S.A." }).ClickAsync();

        (await _page.GetByRole(AriaRole.Heading, new() { Name = "Due diligence on a prospective vendor: Intellexa S.A.", Level = 1 }).IsVisibleAsync()).Should().BeTrue();
        (await _page.GetByRole(AriaRole.Heading, new() { Name = "Measures against its network", Level = 2 }).IsVisibleAsync()).Should().BeTrue();
        (await _page.Locator("p.brief-verdict").CountAsync()).Should().Be(5, "every factor states its verdict");
        (await _page.GetByRole(AriaRole.Note).First.InnerTextAsync()).Should().Be("TLP:CLEAR");
        (await _page.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).GetAttributeAsync("href")).Should().Be("?format=pdf");

        // The index picks a customer by name.
        await _page.GetByRole(AriaRole.Link, new() { Name = "Another report" }).ClickAsync();
        await _page.GetByLabel("State or public body (a name)").FillAsync("Hellenic Republic");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Customer report" }).ClickAsync();
        (await _page.GetByRole(AriaRole.Heading, new() { Name = "Due diligence on a prospective customer: Hellenic Republic", Level = 1 }).IsVisibleAsync()).Should().BeTrue();
    }
}
