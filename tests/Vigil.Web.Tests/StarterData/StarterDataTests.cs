using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Vigil.Model;
using Vigil.Testing;
using Vigil.Web.Tests.Api;
using Xunit;

namespace Vigil.Web.Tests.StarterData;

/// <summary>
/// What a user finds on first start, through the public API of an app that seeded itself from data/
/// and the MISP galaxy: the whole world's states, the Intellexa consortium with its edges and sources,
/// the galaxy's vendors without duplicates, and no targeted person anywhere.
/// </summary>
public abstract class StarterDataTests<TApp>(TApp app) where TApp : VigilApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonNode> GetAsync(string url)
    {
        TestDatabase.RequireAvailable(app.Kind);
        var response = await app.CreateClient().GetAsync(url, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, url);
        return await response.ReadJsonAsync();
    }

    /// <summary>Issue 18's proof on the real data: the public's whole graph as STIX 2.1, valid against the OASIS schemas and the semantic checks.</summary>
    [Fact]
    public async Task TheWholeGraphAsStix_IsValidAgainstTheOasisSchemas()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var response = await app.CreateClient().GetAsync("/api/v1/stix/bundle", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        var objects = doc.RootElement.GetProperty("objects");
        objects.GetArrayLength().Should().BeGreaterThan(1000, "the starter data's actors, products, edges, incidents and measures");
        var validator = Vigil.Formats.Stix.StixValidator.FromFolder(Path.Combine(AppContext.BaseDirectory, "Fixtures", "stix2", "schemas"));
        validator.Validate(doc.RootElement).Should().BeEmpty();
        foreach (var target in new[] { "Mansoor", "Koukakis", "Eltantawy" })
        {
            text.Should().NotContainEquivalentOf(target, "targets appear by pseudonym only");
        }
    }

    [Fact]
    public async Task States_CoverEveryIso3166Entry()
    {
        var first = await GetAsync("/api/v1/actors?kind=state&pageSize=200");
        var second = await GetAsync("/api/v1/actors?kind=state&pageSize=200&page=2");
        first["total"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(249);
        var codes = first["items"]!.AsArray().Concat(second["items"]!.AsArray())
            .Select(i => i!["country"]?.GetValue<string>()).OfType<string>().ToHashSet();
        codes.Should().BeEquivalentTo(Countries.ByCode.Keys);
    }

    [Fact]
    public async Task Intellexa_IsFound_WithRelationshipsAndCitations()
    {
        var page = await GetAsync("/api/v1/actors?q=intellexa&pageSize=50");
        var slugs = page.Slugs().ToList();
        slugs.Should().Contain(["intellexa-sa", "intellexa-limited", "intellexa-consortium"]);
        foreach (var slug in new[] { "intellexa-sa", "intellexa-limited", "intellexa-consortium", "cytrox-ad", "thalestris-limited" })
        {
            var actor = await GetAsync($"/api/v1/actors/{slug}");
            var edges = actor["relationshipsOut"]!.AsArray().Count + actor["relationshipsIn"]!.AsArray().Count;
            edges.Should().BeGreaterThan(0, $"{slug} belongs to the consortium");
            actor["citations"]!.AsArray().Should().NotBeEmpty($"{slug} is published, so it is cited");
        }
    }

    [Fact]
    public async Task MispGalaxy_BringsVendorsAboveSixHundred_WithoutDuplicatingStarterVendors()
    {
        var companies = await GetAsync("/api/v1/actors?kind=company&pageSize=1");
        companies["total"]!.GetValue<int>().Should().BeGreaterThan(600);
        foreach (var (query, name) in new[] { ("NSO Group", "NSO Group"), ("Cytrox", "Cytrox AD"), ("Candiru", "Candiru") })
        {
            var hits = await GetAsync($"/api/v1/actors?q={Uri.EscapeDataString(query)}&pageSize=50");
            hits["items"]!.AsArray().Count(i => i!["name"]!.GetValue<string>().Equals(name, StringComparison.OrdinalIgnoreCase))
                .Should().Be(1, $"the galaxy's {query} is matched to the starter vendor, not added again");
        }
    }

    [Theory]
    [InlineData("Ahmed Mansoor")]
    [InlineData("Thanasis Koukakis")]
    [InlineData("Ahmed Eltantawy")]
    [InlineData("Francesco Cancellato")]
    [InlineData("Galina Timchenko")]
    public async Task TargetedPeople_AreNotActors_AndAppearInNoSearch(string target)
    {
        var actors = await GetAsync($"/api/v1/actors?q={Uri.EscapeDataString(target)}");
        actors["total"]!.GetValue<int>().Should().Be(0);
        var search = await GetAsync($"/api/v1/search?q={Uri.EscapeDataString(target)}");
        search["total"]!.GetValue<int>().Should().Be(0);
        var html = await app.CreateClient().GetStringAsync($"/search?q={Uri.EscapeDataString(target)}", Ct);
        html.Should().NotContain(target.Split(' ')[^1] + "</", "no result names the person");
    }
}

[Collection(SqliteApiCollection.Name)]
[Trait("Database", "Sqlite")]
public sealed class StarterDataOnSqlite(SqliteApp app) : StarterDataTests<SqliteApp>(app);

[Collection(PostgresApiCollection.Name)]
[Trait("Database", "Postgres")]
public sealed class StarterDataOnPostgres(PostgresApp app) : StarterDataTests<PostgresApp>(app);
