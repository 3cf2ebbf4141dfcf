using FluentAssertions;
using Vigil.Model;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>/api/v1/measures and /api/v1/gaps on the starter dataset, as the anonymous public.</summary>
public abstract class MeasuresApiTests(VigilApp reader)
{
    [Fact]
    public async Task List_FiltersByTypeAndTarget_AndRejectsUnknownTypes()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        var client = reader.CreateClient();

        var sanctions = await (await client.GetAsync("/api/v1/measures?type=sanction&target=intellexa-sa", Ct)).ReadJsonAsync();
        sanctions.Slugs().Should().Contain("ofac-2024-03-intellexa-sa");
        sanctions["items"]!.AsArray().Should().OnlyContain(i => i!["type"]!.GetValue<string>() == "sanction");
        var listings = await (await client.GetAsync("/api/v1/measures?type=export-control-listing&pageSize=200", Ct)).ReadJsonAsync();
        listings.Slugs().Should().Contain("bis-entity-list-2021-nso-group").And.NotContain("ofac-2024-03-intellexa-sa");

        var problem = await (await client.GetAsync("/api/v1/measures?type=alien&stage=gone", Ct)).ShouldBeProblemAsync(400);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("type", "stage");
    }

    [Fact]
    public async Task Get_GivesAuthorityTargetsAndDatedSteps_AndHidesWhatTheReaderMayNotSee()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        var client = reader.CreateClient();

        var m = await (await client.GetAsync("/api/v1/measures/ofac-2024-03-intellexa-sa", Ct)).ReadJsonAsync();
        m["authority"]!["slug"]!.GetValue<string>().Should().Be("office-of-foreign-assets-control");
        m["programme"]!.GetValue<string>().Should().Be("CYBER2");
        m["targets"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()).Should().Equal("intellexa-sa");
        m["steps"]!.AsArray().Should().Contain(s => s!["stage"]!.GetValue<string>() == "in-force" && s["date"]!.GetValue<string>() == "2024-03-05");
        m["citations"]!.AsArray().Should().NotBeEmpty();

        var hidden = Unique("amber-measure");
        await using (var db = reader.CreateDb())
        {
            var ofac = db.Actors.Single(a => a.Slug == "office-of-foreign-assets-control");
            db.Measures.Add(new Measure { Slug = hidden, Title = "Amber measure", Type = MeasureType.Investigation, AuthorityId = ofac.Id, Marking = Marking.Amber, Status = ReviewStatus.Published });
            await db.SaveChangesAsync(Ct);
        }
        await (await client.GetAsync($"/api/v1/measures/{hidden}", Ct)).ShouldBeProblemAsync(404);
        (await (await client.GetAsync("/api/v1/measures?type=investigation&pageSize=200", Ct)).ReadJsonAsync()).Slugs().Should().NotContain(hidden);
    }

    [Fact]
    public async Task GapMatrix_ForIntellexa_NamesTheJointStatementSignatoriesThatTookNoMeasure()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        var client = reader.CreateClient();

        var matrix = await (await client.GetAsync("/api/v1/gaps/intellexa-sa?group=joint-statement&hops=2", Ct)).ReadJsonAsync();

        matrix["vendor"]!["slug"]!.GetValue<string>().Should().Be("intellexa-sa");
        matrix["jurisdictions"]!.AsArray().Select(j => j!["slug"]!.GetValue<string>()).Should().Contain(["united-states", "united-kingdom", "germany"]).And.NotContain("greece");
        var usSanctions = matrix["cells"]!.AsArray().Single(c => c!["jurisdiction"]!.GetValue<string>() == "united-states" && c["type"]!.GetValue<string>() == "sanction");
        usSanctions!["filled"]!.GetValue<bool>().Should().BeTrue();
        usSanctions["inForce"]!.AsArray().Select(x => x!["measureSlug"]!.GetValue<string>()).Should().Contain("ofac-2024-03-intellexa-sa");
        var gaps = matrix["gaps"]!.AsArray().Select(g => g!["text"]!.GetValue<string>()).ToList();
        gaps.Should().Contain(t => t.StartsWith("United Kingdom (signatory of the Joint Statement", StringComparison.Ordinal)
            && t.Contains("no measure against Intellexa S.A., sanctioned by United States", StringComparison.Ordinal));
        // The US sanctioned Intellexa S.A.: no US gap there (it has some elsewhere: Greece's and France's charges).
        gaps.Should().NotContain(t => t.StartsWith("United States", StringComparison.Ordinal) && t.Contains("against Intellexa S.A.,", StringComparison.Ordinal));
        matrix["network"]!.AsArray().Select(n => n!["actor"]!["slug"]!.GetValue<string>()).Should().Contain(["cytrox-ad", "thalestris-limited"]);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", gaps.Where(t => t.StartsWith("United Kingdom", StringComparison.Ordinal))));

        (await (await client.GetAsync("/api/v1/gaps/intellexa-sa?group=nope&hops=9&type=alien", Ct)).ShouldBeProblemAsync(400))["errors"]!.AsObject()
            .Select(e => e.Key).Should().BeEquivalentTo("group", "hops", "type");
        await (await client.GetAsync("/api/v1/gaps/no-such-vendor", Ct)).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task StateGaps_ForTheUnitedKingdom_ListEveryVendorsNetworkOthersMeasured_EachMemberOnce()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        var client = reader.CreateClient();

        var view = await (await client.GetAsync("/api/v1/gaps/state/united-kingdom?group=joint-statement", Ct)).ReadJsonAsync();

        view["jurisdiction"]!["slug"]!.GetValue<string>().Should().Be("united-kingdom");
        view["rows"]!.AsArray().Select(r => r!["vendor"]!["slug"]!.GetValue<string>()).Should().Contain(["nso-group", "intellexa-consortium"]);
        var gaps = view["gaps"]!.AsArray().Select(g => g!["text"]!.GetValue<string>()).ToList();
        gaps.Should().Contain(t => t.StartsWith("United Kingdom (signatory of the Joint Statement", StringComparison.Ordinal)
            && t.Contains("no measure against Intellexa S.A., sanctioned by United States", StringComparison.Ordinal));
        gaps.Should().Contain(t => t.Contains("no measure against NSO Group, listed for export control by United States", StringComparison.Ordinal));
        view["gaps"]!.AsArray().Select(g => g!["member"]!["actor"]!["slug"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();

        var html = await client.GetStringAsync("/gaps/state/united-kingdom", Ct);
        html.Should().Contain("Coordination gaps: United Kingdom").And.Contain("<table class=\"data gap-matrix\">").And.Contain("/gaps/nso-group");
        await (await client.GetAsync("/api/v1/gaps/state/nso-group", Ct)).ShouldBeProblemAsync(404);
        (await client.GetAsync("/gaps/state/atlantis", Ct)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GapPage_WorksWithoutScript_AndExportsTheMatrixAsCsv()
    {
        TestDatabase.RequireAvailable(reader.Kind);
        var client = reader.CreateClient();

        var html = await client.GetStringAsync("/gaps/intellexa-sa?group=pall-mall-code&type=sanction&sort=gaps", Ct);
        html.Should().Contain("<table class=\"data gap-matrix\">").And.Contain("United Kingdom").And.Contain(" in force<ul");
        var csv = await client.GetAsync("/gaps/intellexa-sa?group=pall-mall-code&handler=csv", Ct);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var text = await csv.Content.ReadAsStringAsync(Ct);
        text.Should().StartWith("section,jurisdiction,measure_type,filled,members_covered,in_force,lifted,gap\r\n");
        text.Should().Contain("cell,United States,sanction,yes").And.Contain("gap,United Kingdom,");
        var actorPage = await client.GetStringAsync("/actors/intellexa-sa", Ct);
        actorPage.Should().Contain("id=\"measures\"").And.Contain("/measures/ofac-2024-03-intellexa-sa");
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteApiCollection.Name)]
public sealed class SqliteMeasuresApiTests(SqliteApp reader) : MeasuresApiTests(reader);

[Trait("Database", "Postgres")]
[Collection(PostgresApiCollection.Name)]
public sealed class PostgresMeasuresApiTests(PostgresApp reader) : MeasuresApiTests(reader);
