using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Vigil.Model;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>A government reader opens Intellexa's coordination-gap view in a real Chromium.</summary>
[Trait("Category", "Browser")]
[Trait("Database", "Sqlite")]
public sealed class GapViewTests(BrowserSession session) : IClassFixture<BrowserSession>, IAsyncLifetime
{
    private readonly List<string> _consoleProblems = [];
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async ValueTask InitializeAsync()
    {
        await ArrangeMeasuresAsync(session);
        _context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = session.BaseUrl });
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

    /// <summary>Beside the test graph's Intellexa network: a few signatory states, OFAC under the US, and OFAC's sanction.</summary>
    internal static async Task ArrangeMeasuresAsync(BrowserSession session)
    {
        await using var db = session.Database.CreateContext();
        if (await db.Measures.AnyAsync(TestContext.Current.CancellationToken))
        {
            return;
        }
        Actor State(string slug, string name, string country) =>
            new() { Slug = slug, Name = name, ActorKind = ActorKind.State, Country = country, Status = ReviewStatus.Published };
        var us = State("united-states", "United States", "US");
        var uk = State("united-kingdom", "United Kingdom", "GB");
        var germany = State("germany", "Germany", "DE");
        var ofac = new Actor { Slug = "ofac", Name = "Office of Foreign Assets Control", ActorKind = ActorKind.PublicBody, Status = ReviewStatus.Published };
        var intellexa = await db.Actors.AsTracking().SingleAsync(a => a.Slug == "intellexa", TestContext.Current.CancellationToken);
        db.AddRange(us, uk, germany, ofac);
        db.Relationships.Add(new Relationship { Slug = "ofac--part-of--united-states", Type = RelationshipType.PartOf, FromActor = ofac, ToActor = us, Status = ReviewStatus.Published, Confidence = Confidence.High });
        db.Measures.Add(new Measure
        {
            Slug = "ofac-2024-03-intellexa", Title = "OFAC designation: Intellexa S.A.", Type = MeasureType.Sanction, Authority = ofac,
            Programme = "CYBER2", AnnouncedDate = "2024-03-05", EffectiveDate = "2024-03-05", Status = ReviewStatus.Published,
            Targets = [new MeasureTarget { Actor = intellexa }],
            Steps = [new MeasureStep { Stage = MeasureStage.InForce, Date = "2024-03-05" }],
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task IntellexasGapView_ShowsTheUsSanction_AndTheJointStatementSignatoriesThatTookNone()
    {
        await _page.GotoAsync("/gaps/intellexa");
        await _page.GetByLabel("Jurisdictions").SelectOptionAsync(new SelectOptionValue { Label = "Signatories: Joint Statement on Efforts to Counter the Proliferation and Misuse of Commercial Spyware" });
        await _page.GetByRole(AriaRole.Button, new() { Name = "Show gaps" }).ClickAsync();

        (await _page.GetByRole(AriaRole.Heading, new() { Name = "Coordination gaps: Intellexa S.A.", Level = 1 }).IsVisibleAsync()).Should().BeTrue();
        var matrix = _page.GetByRole(AriaRole.Table, new() { Name = "Measures in force against Intellexa S.A. and its network, by jurisdiction and type" });
        var usRow = matrix.GetByRole(AriaRole.Row).Filter(new() { HasText = "United States" });
        (await usRow.InnerTextAsync()).Should().Contain("1 in force").And.Contain("2024-03-05");
        (await matrix.InnerTextAsync()).Should().Contain("United Kingdom").And.Contain("Germany").And.NotContain("Hellenic Republic", "Greece did not sign the Joint Statement");

        var gaps = _page.Locator("section[aria-labelledby=gaps]");
        var text = await gaps.InnerTextAsync();
        text.Should().Contain("United Kingdom (signatory of the Joint Statement on Efforts to Counter the Proliferation and Misuse of Commercial Spyware): no measure against Intellexa S.A., sanctioned by United States since 2024-03-05");
        text.Should().Contain("Germany (signatory of the Joint Statement");
        text.Should().NotContain("United States (signatory", "the US took the measure");

        (await _page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).GetAttributeAsync("href")).Should().Contain("handler=csv");

        // The same question from the United Kingdom's side, across every vendor (Cytrox develops Predator; Intellexa is in its network).
        await _page.Locator("#gaps-united-kingdom").GetByRole(AriaRole.Link, new() { Name = "(all vendors)" }).ClickAsync();
        (await _page.GetByRole(AriaRole.Heading, new() { Name = "Coordination gaps: United Kingdom", Level = 1 }).IsVisibleAsync()).Should().BeTrue();
        var byVendor = _page.GetByRole(AriaRole.Table, new() { Name = "Measures of United Kingdom in force against each vendor's network, by type" });
        (await byVendor.GetByRole(AriaRole.Row).Filter(new() { HasText = "Cytrox AD" }).InnerTextAsync()).Should().Contain("none").And.Contain("1");
        (await _page.Locator("section[aria-labelledby=gaps]").InnerTextAsync()).Should()
            .Contain("United Kingdom (signatory of the Joint Statement on Efforts to Counter the Proliferation and Misuse of Commercial Spyware): no measure against Intellexa S.A., sanctioned by United States since 2024-03-05");
        _consoleProblems.Should().BeEmpty("no Content-Security-Policy violations or script errors");
    }
}
