using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>A researcher's path through Vigil in a real Chromium, with the Content-Security-Policy enforced.</summary>
[Trait("Category", "Browser")]
[Trait("Database", "Sqlite")]
public sealed class ResearcherJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>, IAsyncLifetime
{
    private readonly List<string> _consoleProblems = [];
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        _context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = session.BaseUrl, ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                _consoleProblems.Add(message.Text);
            }
        };
        _page.PageError += (_, error) => _consoleProblems.Add(error);
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task Researcher_FindsIntellexa_ReadsItsEvidence_AndExploresItsNetwork()
    {
        await SearchAsync("Intellexa");
        await OpenResultAsync("Intellexa S.A.");

        (await _page.GetByRole(AriaRole.Heading, new() { Name = "Intellexa S.A.", Level = 1 }).IsVisibleAsync()).Should().BeTrue();
        (await RelationshipGroupAsync("subsidiary of")).Should().Contain("Thalestris Limited");
        (await RelationshipGroupAsync("parent of")).Should().Contain("Cytrox AD");
        (await _page.GetByRole(AriaRole.Link, new() { Name = "Treasury Sanctions Members of the Intellexa Commercial Spyware Consortium" }).First.IsVisibleAsync()).Should().BeTrue();
        await ScreenshotAsync("screenshot.png");

        await OpenNetworkAsync();
        var nodes = await NetworkNodeCountAsync();
        nodes.Should().Be(4, "Intellexa, its parent, its subsidiary and its founder");
        (await _page.Locator("#network canvas").CountAsync()).Should().BeGreaterThan(0, "Cytoscape draws on canvases");
        (await _page.GetByRole(AriaRole.Table).InnerTextAsync()).Should().Contain("Thalestris Limited");
        await ScreenshotAsync("screenshot-network.png");

        _consoleProblems.Should().BeEmpty("no Content-Security-Policy violations or script errors");
    }

    [Fact]
    public async Task NetworkPage_WithoutJavaScript_StillListsTheNeighbourhood()
    {
        await using var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = session.BaseUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/actors/intellexa/network");
        (await page.GetByRole(AriaRole.Table).InnerTextAsync()).Should().Contain("Cytrox AD").And.Contain("officer of");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/search?q=intellexa")]
    [InlineData("/actors/intellexa")]
    [InlineData("/actors/intellexa/network")]
    [InlineData("/sources/treasury-intellexa-2024")]
    [InlineData("/countries")]
    public async Task Pages_FitAPhoneScreen_WithoutSidewaysScrolling(string path)
    {
        await using var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = session.BaseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 740 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        overflow.Should().BeLessThanOrEqualTo(0, $"{path} should fit 360 px");
        (await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search Vigil" }).IsVisibleAsync()).Should().BeTrue();
    }

    private async Task SearchAsync(string words)
    {
        await _page.GotoAsync("/");
        await _page.GetByRole(AriaRole.Searchbox, new() { Name = "Search Vigil" }).FillAsync(words);
        await _page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await _page.WaitForURLAsync("**/search?q=*");
    }

    private async Task OpenResultAsync(string name)
    {
        await _page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).First.ClickAsync();
        await _page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private async Task<string> RelationshipGroupAsync(string label) =>
        await _page.GetByRole(AriaRole.Region, new() { Name = label, Exact = true }).InnerTextAsync();

    private async Task OpenNetworkAsync()
    {
        await _page.GetByRole(AriaRole.Link, new() { Name = "Network view" }).ClickAsync();
        await _page.WaitForURLAsync("**/network");
    }

    private async Task<int> NetworkNodeCountAsync()
    {
        await _page.WaitForSelectorAsync("#network[data-nodes]", new() { State = WaitForSelectorState.Attached, Timeout = 15000 });
        return await _page.EvaluateAsync<int>("() => window.vigilNetwork.nodes().length");
    }

    /// <summary>The current page as the README shows it, into docs/.</summary>
    private async Task ScreenshotAsync(string name)
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Vigil.slnx")))
        {
            root = Path.GetDirectoryName(root);
        }
        if (root is not null)
        {
            Directory.CreateDirectory(Path.Combine(root, "docs"));
            await _page.ScreenshotAsync(new() { Path = Path.Combine(root, "docs", name), FullPage = true });
        }
    }
}
