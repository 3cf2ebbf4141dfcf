using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Vigil.Model;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>A government reader in Chromium: from a state's page to its brief; the gap matrix fits 1,200 px and print.</summary>
[Trait("Category", "Browser")]
[Trait("Database", "Sqlite")]
public sealed class BriefJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        await ArrangeAsync();
        _context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = session.BaseUrl, ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
        });
        _page = await _context.NewPageAsync();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    /// <summary>Joint Statement signatories beside the test graph's Intellexa network, OFAC under the US and its sanction, cited.</summary>
    private async Task ArrangeAsync()
    {
        await using var db = session.Database.CreateContext();
        if (await db.Actors.AnyAsync(a => a.Slug == "united-kingdom", Ct))
        {
            return;
        }
        Actor State(string slug, string name, string country) =>
            new() { Slug = slug, Name = name, ActorKind = ActorKind.State, Country = country, Status = ReviewStatus.Published };
        var states = new[]
        {
            State("united-states", "United States", "US"), State("united-kingdom", "United Kingdom", "GB"), State("germany", "Germany", "DE"),
            State("france", "France", "FR"), State("netherlands", "Netherlands", "NL"), State("australia", "Australia", "AU"),
        };
        var ofac = new Actor { Slug = "ofac", Name = "Office of Foreign Assets Control", ActorKind = ActorKind.PublicBody, Status = ReviewStatus.Published };
        var intellexa = await db.Actors.AsTracking().SingleAsync(a => a.Slug == "intellexa", Ct);
        var source = await db.Sources.AsTracking().OrderBy(s => s.Id).FirstAsync(s => s.Status == ReviewStatus.Published && s.Marking == Marking.Clear && s.Url != null, Ct);
        db.AddRange(states);
        db.Add(ofac);
        db.Relationships.Add(new Relationship { Slug = "ofac--part-of--united-states", Type = RelationshipType.PartOf, FromActor = ofac, ToActor = states[0], Status = ReviewStatus.Published, Confidence = Confidence.High });
        var sanction = new Measure
        {
            Slug = "ofac-2024-03-intellexa", Title = "OFAC designation: Intellexa S.A.", Type = MeasureType.Sanction, Authority = ofac,
            Programme = "CYBER2", AnnouncedDate = "2024-03-05", EffectiveDate = "2024-03-05", Status = ReviewStatus.Published,
            Targets = [new MeasureTarget { Actor = intellexa }],
        };
        db.Measures.Add(sanction);
        db.Citations.Add(new Citation { Slug = "ofac-2024-03-intellexa--cites", Source = source, Status = ReviewStatus.Published }.Cites(sanction));
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task FromTheStatesPage_TheReaderOpensItsCountryBrief_AndItsGapReport()
    {
        await _page.GotoAsync("/actors/united-kingdom");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Country brief" }).ClickAsync();

        (await _page.GetByRole(AriaRole.Heading, new() { Name = "Country brief: United Kingdom", Level = 1 }).IsVisibleAsync()).Should().BeTrue();
        var summary = await _page.Locator("section.brief-summary").InnerTextAsync();
        summary.Should().Contain("United Kingdom has endorsed none of the frameworks Vigil tracks");
        (await _page.GetByRole(AriaRole.Note).First.InnerTextAsync()).Should().Be("TLP:CLEAR");
        (await _page.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).GetAttributeAsync("href")).Should().Be("?format=pdf");

        await _page.GotoAsync("/actors/united-kingdom");
        await _page.GetByRole(AriaRole.Link, new() { Name = "Gap report" }).ClickAsync();
        var gaps = await _page.Locator("article.brief").InnerTextAsync();
        gaps.Should().Contain("Intellexa S.A.: sanctioned by Office of Foreign Assets Control (2024-03-05).")
            .And.Contain("Sanction Intellexa S.A., as Office of Foreign Assets Control did (2024-03-05).");
        (await _page.Locator("section.brief-notes li").CountAsync()).Should().BeGreaterThan(0, "the sanction's source is a footnote");
    }

    [Fact]
    public async Task GapMatrix_At1200Pixels_AndInPrint_ShowsEveryColumn()
    {
        await _page.GotoAsync("/gaps/intellexa");
        var table = _page.Locator("table.gap-matrix");
        (await table.InnerTextAsync()).Should().Contain("United Kingdom").And.NotContain("Hellenic Republic", "the default is the Joint Statement's signatories");

        await AssertFitsAsync(table, "screen at 1,200 px");
        await _page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await AssertFitsAsync(table, "print");
    }

    private async Task AssertFitsAsync(ILocator table, string because)
    {
        var box = (await table.BoundingBoxAsync())!;
        var lastHeader = (await table.Locator("thead th").Last.BoundingBoxAsync())!;
        var viewport = await _page.EvaluateAsync<float>("() => document.documentElement.clientWidth");
        (box.X + box.Width).Should().BeLessThanOrEqualTo(viewport, because);
        (lastHeader.X + lastHeader.Width).Should().BeLessThanOrEqualTo(viewport, because);
        (await _page.EvaluateAsync<bool>("() => { const s = document.querySelector('table.gap-matrix').closest('.table-scroll'); return !s || s.scrollWidth <= s.clientWidth + 1; }"))
            .Should().BeTrue($"the matrix does not scroll sideways ({because})");
    }
}
