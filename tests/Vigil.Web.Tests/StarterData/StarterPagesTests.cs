using System.Net;
using FluentAssertions;
using Vigil.Testing;
using Vigil.Web.Tests.Api;
using Xunit;

namespace Vigil.Web.Tests.StarterData;

/// <summary>
/// The pages a reader meets on first start, over the seeded starter data and MISP galaxy (issue 16): the
/// home page tells curated news and sums up bulk imports in a line each; records resting only on weak
/// evidence say so; an unverified title is shown as publisher and address; a case shows its parties;
/// the Pall Mall Declaration shows the totals as reported.
/// </summary>
public abstract class StarterPagesTests<TApp>(TApp app) where TApp : VigilApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> PageAsync(string url)
    {
        TestDatabase.RequireAvailable(app.Kind);
        var response = await app.CreateClient().GetAsync(url, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, url);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Home_ListsCuratedChanges_AndSumsUpEachBulkImportInOneLine()
    {
        var html = await PageAsync("/");
        var latest = html[html.IndexOf("id=\"latest\"", StringComparison.Ordinal)..];
        var bulk = latest.IndexOf("class=\"changes bulk-imports\"", StringComparison.Ordinal);
        bulk.Should().BePositive("bulk imports are summarised under the latest changes");
        latest[..bulk].Should().NotContain("· import ", "no imported record is listed as a change").And.NotContain("Zignal Labs");
        var lines = latest[bulk..latest.IndexOf("</ul>", bulk, StringComparison.Ordinal)];
        lines.Should().MatchRegex(@"<li>\d{3} companies imported from MISP galaxy clusters_surveillance-vendor\.json <span class=""meta"">on <time")
            .And.MatchRegex(@"<li>\d{3} states, [^<]*imported from data ");
    }

    [Theory]
    [InlineData("/actors/aise")]
    [InlineData("/relationships/aise--part-of--italy")]
    [InlineData("/measures/morocco-defamation-suits-pegasus-project")]
    public async Task ARecordOnWeakEvidence_IsFlaggedOnItsPage(string url) =>
        (await PageAsync(url)).Should().Contain("class=\"weak-evidence\"").And.Contain("rests only on tertiary sources or sources without an address");

    [Theory]
    [InlineData("/actors/intellexa-sa")]
    [InlineData("/measures/el-faro-v-nso-group")]
    public async Task ARecordOnGoodEvidence_IsNotFlagged(string url) => (await PageAsync(url)).Should().NotContain("class=\"weak-evidence\"");

    [Fact]
    public async Task AnUnverifiedTitle_IsShownAsPublisherAndAddress_AVerifiedOneAsTheHeadline()
    {
        var upi = await PageAsync("/sources/upi-2021-11-03-nso-grou-sanctioned-commerce-department");
        upi.Should().Contain("<h1>UPI — upi.com/Top_News/US/2021/11/03/NSO-Grou-sanctioned-commerce-department").And.Contain("Title not verified")
            .And.NotContain("<h1>NSO Grou sanctioned");
        var axios = await PageAsync("/sources/axios-2024-03-05-treasury-spyware-sanctions-intellexa");
        axios.Should().Contain("<h1>Treasury sanctions Intellexa spyware consortium in unprecedented move</h1>").And.NotContain("Title not verified");
    }

    [Fact]
    public async Task TheElFaroCase_ShowsItsCourtDefendantsAndCounsel_AndItsSteps()
    {
        var html = await PageAsync("/measures/el-faro-v-nso-group");
        html.Should().MatchRegex(@"<span class=""party-role"">[Cc]ounsel</span>: <a href=""/actors/knight-first-amendment-institute"">")
            .And.MatchRegex(@"<span class=""party-role"">[Cc]ourt</span>: <a href=""/actors/us-district-court-northern-district-of-california"">")
            .And.MatchRegex(@"<span class=""party-role"">[Dd]efendant</span>: <a href=""/actors/nso-group"">")
            .And.Contain("2024-03-08").And.Contain("forum non conveniens").And.Contain("2025-07");
    }

    [Fact]
    public async Task TheDeclaration_ShowsTheReportedTotals_AsReported()
    {
        var html = await PageAsync("/commitments/frameworks/pall-mall-declaration");
        html.Should().Contain("Totals as reported, not a list Vigil holds").And.Contain("25 countries plus groups representing nations (AU, GCC)")
            .And.Contain("/scorecards/african-union").And.Contain("/scorecards/gulf-cooperation-council");
    }
}

[Collection(SqliteApiCollection.Name)]
[Trait("Database", "Sqlite")]
public sealed class StarterPagesOnSqlite(SqliteApp app) : StarterPagesTests<SqliteApp>(app);

[Collection(PostgresApiCollection.Name)]
[Trait("Database", "Postgres")]
public sealed class StarterPagesOnPostgres(PostgresApp app) : StarterPagesTests<PostgresApp>(app);
