using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Vigil.Testing;
using Xunit;

namespace Vigil.Web.Tests.Pages;

/// <summary>The public pages and their JSON twins through the real app, for the anonymous reader.</summary>
public abstract partial class PagesTests<TApp>(TApp app) : IAsyncLifetime where TApp : PagesApp
{
    private HttpClient? _http;

    private HttpClient _client => _http ??= app.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        TestDatabase.RequireAvailable(app.Kind);
        await app.EnsureGraphAsync();
    }

    public ValueTask DisposeAsync()
    {
        _http?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private async Task<string> PageAsync(string path)
    {
        var response = await _client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{path} should render, got: {html[..Math.Min(html.Length, 500)]}");
        AssertNoInlineStyleOrScript(html, path);
        return html;
    }

    private static void AssertNoInlineStyleOrScript(string html, string path)
    {
        html.Should().NotContain("style=", $"{path} must not carry inline styles (CSP)");
        html.Should().NotContain("<style", $"{path} must not carry inline styles (CSP)");
        InlineScript().IsMatch(html).Should().BeFalse($"{path} must not carry inline scripts (CSP)");
        html.Should().NotContainAny(["onclick=", "onload=", "javascript:"]);
    }

    private static void AssertNothingHidden(string text)
    {
        text.Should().NotContain(TestGraph.RedName);
        text.Should().NotContain(TestGraph.RedSlug);
        text.Should().NotContain(TestGraph.DraftName);
        text.Should().NotContain(TestGraph.DraftSlug);
    }

    [Fact]
    public async Task Home_CountsOnlyVisibleRecords_AndListsLatestChangesOfVisibleRecords()
    {
        var html = await PageAsync("/");
        html.Should().Contain("<html lang=\"en\">").And.Contain("Skip to content").And.Contain("role=\"search\"");
        html.Should().Contain("Holding the spyware market to account");
        Count(html, "companies").Should().Be(3, "Intellexa, Cytrox and Thalestris; not the RED or draft company");
        Count(html, "people").Should().Be(1);
        Count(html, "states").Should().Be(1);
        Count(html, "products").Should().Be(1);
        Count(html, "sources").Should().Be(2);
        html.Should().Contain("href=\"/actors/intellexa\"");
        AssertNothingHidden(html);
    }

    [Fact]
    public async Task Search_FindsIntellexa_WithKindCountryAndBadges()
    {
        var html = await PageAsync("/search?q=Intellexa");
        html.Should().Contain("href=\"/actors/intellexa\">Intellexa S.A.</a>");
        html.Should().Contain("company").And.Contain("href=\"/countries/GR\">Greece</a>");
        html.Should().Contain("TLP:CLEAR").And.Contain("status-published");
        html.Should().Contain("Treasury Sanctions Members of the Intellexa", "sources are searched too");
    }

    [Fact]
    public async Task Search_NeverShowsHiddenRecords_OnPageOrApi()
    {
        foreach (var q in new[] { "Nightjar", "Quillwort", "Brokerage Holdings", "Draftworks" })
        {
            var html = await PageAsync("/search?q=" + Uri.EscapeDataString(q));
            html.Should().Contain("0 records");
            AssertNothingHidden(html);
            var json = await _client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + Uri.EscapeDataString(q), Ct);
            json.GetProperty("total").GetInt32().Should().Be(0);
        }
        var browse = await PageAsync("/search?kind=company");
        browse.Should().Contain("3 records");
        AssertNothingHidden(browse);
        var cyprus = await PageAsync("/search?country=CY");
        cyprus.Should().Contain("0 records");
    }

    [Fact]
    public async Task SearchApi_ReturnsPagedItems()
    {
        var json = await _client.GetFromJsonAsync<JsonElement>("/api/v1/search?pageSize=2&page=2", Ct);
        json.GetProperty("total").GetInt32().Should().Be(8, "5 actors, 1 product, 2 sources are visible");
        json.GetProperty("page").GetInt32().Should().Be(2);
        json.GetProperty("pageSize").GetInt32().Should().Be(2);
        json.GetProperty("items").GetArrayLength().Should().Be(2);

        var products = await _client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=alien&kind=product", Ct);
        var item = products.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        item.GetProperty("slug").GetString().Should().Be("predator");
        item.GetProperty("marking").GetString().Should().Be("CLEAR");
        AssertNothingHidden(json.GetRawText());
    }

    [Fact]
    public async Task ActorPage_ShowsNamesIdentifiersRelationshipsAndCitations_ButNoHiddenEdges()
    {
        var html = await PageAsync("/actors/intellexa");
        html.Should().Contain("<h1>Intellexa S.A.</h1>");
        html.Should().Contain("Ιντελέξα").And.Contain("el, Grek");
        html.Should().Contain("https://www.wikidata.org/wiki/Q123456789");
        html.Should().Contain("href=\"/countries/GR\"");
        html.Should().Contain(">subsidiary of</h3>").And.Contain("href=\"/actors/thalestris\">Thalestris Limited</a>");
        html.Should().Contain(">parent of</h3>").And.Contain("href=\"/actors/cytrox\">Cytrox AD</a>");
        html.Should().Contain(">officers</h3>").And.Contain("Tal Dilian").And.Contain("founder");
        html.Should().Contain("href=\"/sources/treasury-intellexa-2024\"").And.Contain("para. 5").And.Contain("1 · confirmed");
        html.Should().Contain("Intellexa S.A. is a Greece-based software developer");
        html.Should().Contain("href=\"/actors/intellexa/network\"");
        html.Should().Contain("Last changed").And.Contain("by test");
        html.Should().NotContain("brokers").And.NotContain("supplied by");
        AssertNothingHidden(html);
    }

    [Fact]
    public async Task HiddenAndUnknownSlugs_AnswerTheSameNotFoundPage()
    {
        var unknown = await _client.GetAsync("/actors/no-such-actor", Ct);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var unknownHtml = await unknown.Content.ReadAsStringAsync(Ct);
        unknownHtml.Should().Contain("Not found");
        foreach (var path in new[] { $"/actors/{TestGraph.RedSlug}", $"/actors/{TestGraph.DraftSlug}", $"/actors/{TestGraph.RedSlug}/network" })
        {
            var response = await _client.GetAsync(path, Ct);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Normalise(html).Should().Be(Normalise(unknownHtml), "hidden and missing must look alike");
            AssertNothingHidden(html);
        }
        (await _client.GetAsync($"/api/v1/actors/{TestGraph.RedSlug}/network", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.GetAsync("/products/no-such-product", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.GetAsync("/sources/no-such-source", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.GetAsync("/countries/XX", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ProductSourceAndCountryPages_ShowTheirClaims()
    {
        var product = await PageAsync("/products/predator");
        product.Should().Contain("<h1>Predator</h1>").And.Contain("Alien").And.Contain("message and call interception");
        product.Should().Contain(">developed by</h3>").And.Contain("href=\"/actors/cytrox\"").And.Contain("Pegasus vs. Predator");

        var source = await PageAsync("/sources/treasury-intellexa-2024");
        source.Should().Contain("U.S. Department of the Treasury").And.Contain("A · completely reliable");
        source.Should().Contain("href=\"/actors/intellexa\">Intellexa S.A.</a>");
        source.Should().Contain("Intellexa S.A. subsidiary of Thalestris Limited");
        AssertNothingHidden(source);

        var greece = await PageAsync("/countries/GR");
        greece.Should().Contain("<h1>Greece</h1>").And.Contain("href=\"/actors/greece\">Hellenic Republic</a>").And.Contain("Intellexa S.A.");

        var countries = await PageAsync("/countries");
        countries.Should().Contain("href=\"/countries/GR\">Greece</a>").And.Contain("North Macedonia");
        countries.Should().NotContain("Cyprus", "the only Cypriot actors are hidden");
    }

    [Fact]
    public async Task Network_OnlyVisibleNodesAndEdges_AsJsonAndAccessibleTable()
    {
        var one = await _client.GetFromJsonAsync<JsonElement>("/api/v1/actors/intellexa/network?hops=1", Ct);
        var ids = one.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();
        ids.Should().BeEquivalentTo(["actors/intellexa", "actors/thalestris", "actors/cytrox", "actors/tal-dilian"]);
        one.GetProperty("edges").GetArrayLength().Should().Be(3);
        AssertNothingHidden(one.GetRawText());

        var two = await _client.GetFromJsonAsync<JsonElement>("/api/v1/actors/intellexa/network?hops=2", Ct);
        two.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).Should().Contain("products/predator");
        two.GetProperty("edges").EnumerateArray().Should().Contain(e => e.GetProperty("type").GetString() == "develops");
        AssertNothingHidden(two.GetRawText());

        var html = await PageAsync("/actors/intellexa/network");
        html.Should().Contain("<table").And.Contain("subsidiary of").And.Contain("href=\"/actors/thalestris\">Thalestris Limited</a>");
        html.Should().Contain("src=\"/lib/cytoscape/cytoscape.min.js\"").And.Contain("id=\"network\"");
        AssertNothingHidden(html);
    }

    [Fact]
    public async Task StaticAssets_AreServed_WithTheContentSecurityPolicy()
    {
        var css = await _client.GetAsync("/css/site.css", Ct);
        css.StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.GetAsync("/lib/cytoscape/cytoscape.min.js", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _client.GetAsync("/js/network.js", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var home = await _client.GetAsync("/", Ct);
        home.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'");
    }

    [Fact]
    public async Task ErrorPage_IsFriendly_AndApiErrorsAreProblemDetails()
    {
        var html = await _client.GetStringAsync("/error", Ct);
        html.Should().Contain("Something went wrong").And.NotContain("Exception").And.NotContain(".cs:line");
        var huge = await _client.GetAsync("/search?page=2147483647", Ct);
        huge.StatusCode.Should().Be(HttpStatusCode.OK);
        var missing = await _client.GetAsync("/api/v1/actors/no-such-actor/network", Ct);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    private static int Count(string html, string label)
    {
        var m = Regex.Match(html, "<span class=\"count\">(\\d+)</span> <span class=\"count-label\">" + Regex.Escape(label) + "</span>");
        m.Success.Should().BeTrue($"the home page should count {label}");
        return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Normalise(string html) => TraceId().Replace(html, "");

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("value=\"[^\"]*\"")]
    private static partial Regex TraceId();
}

[Trait("Database", "Sqlite")]
public sealed class SqlitePagesTests(SqlitePagesApp app) : PagesTests<SqlitePagesApp>(app), IClassFixture<SqlitePagesApp>;

[Trait("Database", "Postgres")]
public sealed class PostgresPagesTests(PostgresPagesApp app) : PagesTests<PostgresPagesApp>(app), IClassFixture<PostgresPagesApp>;
