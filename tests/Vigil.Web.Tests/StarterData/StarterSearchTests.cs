using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Vigil.Testing;
using Vigil.Web.Tests.Api;
using Xunit;

namespace Vigil.Web.Tests.StarterData;

/// <summary>
/// Search over the starter data as a new user tries it: exact names first, records before sources,
/// typos and other scripts tolerated, incidents and measures covered, facets counted.
/// </summary>
public abstract class StarterSearchTests<TApp>(TApp app) where TApp : VigilApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonNode> SearchAsync(string q, string extra = "")
    {
        TestDatabase.RequireAvailable(app.Kind);
        var response = await app.CreateClient().GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}{extra}", Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, q);
        return await response.ReadJsonAsync();
    }

    private static List<(string Kind, string Name, string Slug)> Items(JsonNode page) =>
        [.. page["items"]!.AsArray().Select(i => (i!["kind"]!.GetValue<string>(), i["name"]!.GetValue<string>(), i["slug"]!.GetValue<string>()))];

    [Fact]
    public async Task Nso_FindsNsoGroupFirst()
    {
        var first = Items(await SearchAsync("NSO"))[0];
        first.Kind.Should().Be("actor");
        first.Name.Should().StartWith("NSO Group");
    }

    [Fact]
    public async Task Pegasus_FindsTheProductFirst()
    {
        var first = Items(await SearchAsync("Pegasus"))[0];
        first.Should().Match<(string Kind, string Name, string Slug)>(i => i.Kind == "product" && i.Name == "Pegasus");
    }

    [Theory]
    [InlineData("Intelexa", "Intellexa")]
    [InlineData("Интеллекса", "Intellexa")]
    [InlineData("Dilyan", "Dilian")]
    [InlineData("Ντίλιαν", "Dilian")]
    [InlineData("Pegassus", "Pegasus")]
    public async Task TyposAndOtherScripts_FindTheirRecord_AmongTheFirst(string q, string expected)
    {
        var page = await SearchAsync(q);
        Items(page).Take(3).Should().Contain(i => i.Name.Contains(expected, StringComparison.Ordinal) && i.Kind != "source", q);
        page["items"]![0]!["why"]!.GetValue<string>().Should().NotBeNullOrEmpty("every hit is explained");
    }

    [Fact]
    public async Task Search_CoversIncidents_AndCountsFacetsByKind()
    {
        var page = await SearchAsync("Predator");
        var kinds = page["byKind"]!.AsArray().Select(f => f!["value"]!.GetValue<string>()).ToList();
        kinds.Should().Contain("product");
        Items(page).Select(i => i.Kind).Should().Contain("incident", "incidents are searched by title and text");
        var total = page["byKind"]!.AsArray().Sum(f => f!["count"]!.GetValue<int>());
        total.Should().Be(page["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task AMeasuresKind_IsSaidInWords()
    {
        var page = await SearchAsync("BIS Entity List: NSO Group");
        var measure = page["items"]!.AsArray().First(i => i!["kind"]!.GetValue<string>() == "measure" && i["name"]!.GetValue<string>().StartsWith("BIS Entity List", StringComparison.Ordinal))!;
        measure["subKind"]!.GetValue<string>().Should().Be("export control listing", "a kind of measure reads as words, as a kind of source does");
    }

    [Fact]
    public async Task Records_ComeBeforeTheirSources()
    {
        var items = Items(await SearchAsync("Intellexa", "&pageSize=50"));
        var firstSource = items.FindIndex(i => i.Kind == "source");
        var lastRecordNamed = items.FindLastIndex(i => i.Kind == "actor" && i.Name.StartsWith("Intellexa", StringComparison.Ordinal));
        firstSource.Should().BeGreaterThan(lastRecordNamed);
    }

    [Fact]
    public async Task TheSearchPage_TurnsToThePageAsked()
    {
        // The page number comes from the query string alone (the route value "page" names the Razor page).
        TestDatabase.RequireAvailable(app.Kind);
        var client = app.CreateClient();
        static List<string> Actors(string html) => [.. System.Text.RegularExpressions.Regex.Matches(html, "href=\"/actors/([^\"]+)\"").Select(m => m.Groups[1].Value)];
        var first = await client.GetStringAsync("/search?kind=company", Ct);
        var second = await client.GetStringAsync("/search?kind=company&page=2", Ct);
        first.Should().Contain("Page 1 of");
        second.Should().Contain("Page 2 of");
        Actors(second).Should().NotBeEmpty().And.NotIntersectWith(Actors(first));
    }
}

[Collection(SqliteApiCollection.Name)]
[Trait("Database", "Sqlite")]
public sealed class StarterSearchOnSqlite(SqliteApp app) : StarterSearchTests<SqliteApp>(app);

[Collection(PostgresApiCollection.Name)]
[Trait("Database", "Postgres")]
public sealed class StarterSearchOnPostgres(PostgresApp app) : StarterSearchTests<PostgresApp>(app);
