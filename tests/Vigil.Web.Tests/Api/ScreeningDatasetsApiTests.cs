using FluentAssertions;
using Vigil.Model;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>
/// Screening by dataset through the real app, for an anonymous reader: <c>POST /api/v1/match/{dataset}</c> takes a source
/// dataset of a listed entry and names it in the result, refuses an unknown one naming the known ones; <c>GET /api/v1/catalog</c>
/// lists it with its count; the screening page offers it in its dataset choice.
/// </summary>
public abstract class ScreeningDatasetsApiTests(VigilApp app)
{
    /// <summary>A list entry on a source dataset of its own (a name no other test uses), as an FtM import leaves it.</summary>
    private async Task<(string Dataset, string Name)> ListedEntryAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (dataset, name) = ($"zz_{suffix}_sanctions", $"Quorvex{suffix} Optics Trading");
        await using var db = app.CreateDb();
        db.ListEntries.Add(new ListEntry
        {
            List = "opensanctions", EntryId = Unique("NK-"), Name = name, Schema = "Company", Datasets = $"eu_fsf\n{dataset}",
            ListedDate = "2026-04-29", SnapshotDate = "2026-04-29", UpdatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(Ct);
        return (dataset, name);
    }

    private static object Query(string name) => new { queries = new { q = new { schema = "Company", properties = new { name = new[] { name } } } } };

    [Fact]
    public async Task MatchOnASourceDataset_FindsItsEntry_AndNamesTheDataset_AnUnknownOneIsAProblemNamingTheKnown()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var (dataset, name) = await ListedEntryAsync();
        var client = app.Anonymous();

        var answer = await client.PostJsonAsync($"/api/v1/match/{dataset}", Query(name)).OkAsync();

        var result = answer["responses"]!["q"]!["results"]!.AsArray().Should().ContainSingle().Which!;
        result["caption"]!.GetValue<string>().Should().Be(name);
        result["datasets"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal(["opensanctions", "eu_fsf", dataset]);
        var problem = await (await client.PostJsonAsync($"/api/v1/match/zz_{Guid.NewGuid():N}", Query(name))).ShouldBeProblemAsync(400);
        problem["errors"]!["datasets"]![0]!.GetValue<string>().Should().Contain("Known: vigil, us_ofac_sdn, opensanctions,").And.Contain(dataset);
    }

    [Fact]
    public async Task TheCatalog_ListsTheSourceDatasets_WithTheirCounts_AndThePageOffersThem()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var (dataset, _) = await ListedEntryAsync();
        var client = app.Anonymous();

        var catalog = (await client.GetAsync("/api/v1/catalog", Ct).OkAsync())["datasets"]!.AsArray();

        catalog.Select(d => d!["name"]!.GetValue<string>()).Should().StartWith(["vigil", "us_ofac_sdn", "opensanctions"]).And.Contain(dataset);
        var mine = catalog.Single(d => d!["name"]!.GetValue<string>() == dataset)!;
        mine["entity_count"]!.GetValue<int>().Should().Be(1);
        mine["title"].Should().BeNull("Vigil knows no title of a source dataset");
        catalog[0]!["title"]!.GetValue<string>().Should().Be("Vigil knowledge graph");
        var page = await client.GetStringAsync("/screening", Ct);
        page.Should().Contain($"<option value=\"{dataset}\">{dataset} (1)</option>");
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteApiCollection.Name)]
public sealed class SqliteScreeningDatasetsApiTests(SqliteApp app) : ScreeningDatasetsApiTests(app);

[Trait("Database", "Postgres")]
[Collection(PostgresApiCollection.Name)]
public sealed class PostgresScreeningDatasetsApiTests(PostgresApp app) : ScreeningDatasetsApiTests(app);
