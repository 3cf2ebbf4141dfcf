using FluentAssertions;
using Xunit;

namespace Vigil.Cli.Tests;

/// <summary>The vigil command run in-process, on a temporary SQLite file, as an operator would use it.</summary>
public sealed class VigilCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-cli-").FullName;

    private string DbPath => Path.Combine(_folder, "vigil.db");

    private static string DataFolder => Path.Combine(AppContext.BaseDirectory, "data");

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    [Fact]
    public async Task ImportStatsExport_OnTheStarterData_RoundTrips()
    {
        var first = await RunAsync("import", DataFolder, "--database", DbPath);
        first.Code.Should().Be(0, first.Err);
        first.Out.Should().Contain("actors").And.Contain("created");

        var again = await RunAsync("import", DataFolder, "--database", DbPath);
        again.Code.Should().Be(0, again.Err);
        again.Out.Should().Contain("0 created").And.Contain("0 updated");

        var stats = await RunAsync("stats", "--database", DbPath);
        stats.Code.Should().Be(0);
        stats.Out.Should().MatchRegex(@"actors \(state\): 2[45]\d");

        var exported = Path.Combine(_folder, "export");
        (await RunAsync("export", "--format", "vigil", "--out", exported, "--database", DbPath)).Code.Should().Be(0);
        var reimport = await RunAsync("import", exported, "--database", DbPath);
        reimport.Code.Should().Be(0, reimport.Err);
        reimport.Out.Should().Contain("0 created").And.Contain("0 updated");

        var csv = Path.Combine(_folder, "csv");
        (await RunAsync("export", "-f", "csv", "-o", csv, "--database", DbPath)).Code.Should().Be(0);
        File.ReadLines(Path.Combine(csv, "actors.csv")).First().Should().StartWith("slug,name,kind,country");
        File.ReadAllText(Path.Combine(csv, "actors.csv")).Should().Contain("intellexa-sa,Intellexa S.A.,company,GR");
        // The same tables as the web's downloads: every kind, incidents with targets by pseudonym.
        Directory.GetFiles(csv).Select(Path.GetFileName).Should().BeEquivalentTo(
            Vigil.Features.Export.OpenDataHandler.Tables.Select(t => t.Name + ".csv"));
        File.ReadAllText(Path.Combine(csv, "incidents.csv")).Should().Contain("2016-pegasus-human-rights-defender-ae").And.MatchRegex("Target-[0-9A-Z]{4}=");
        File.ReadLines(Path.Combine(csv, "measure-steps.csv")).Count().Should().BeGreaterThan(10);

        // The whole graph as one STIX 2.1 bundle, the operator's view: Pegasus is there under its UUIDv5 id.
        var stix = Path.Combine(_folder, "vigil.stix.json");
        var bundle = await RunAsync("export", "--format", "stix", "--out", stix, "--database", DbPath);
        bundle.Code.Should().Be(0, bundle.Err);
        bundle.Out.Should().MatchRegex(@"Wrote a STIX 2\.1 bundle of \d{4,} objects");
        var objects = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(stix))!["objects"]!.AsArray();
        objects.Count.Should().BeGreaterThan(1000);
        objects.Select(o => o!["id"]!.GetValue<string>()).Should().Contain(Vigil.Formats.Stix.StixIds.Of("malware", Vigil.Model.RecordKind.Product, "pegasus"))
            .And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task ACommandsWrites_AreInTheDatabaseFileItself_WhenItReturns()
    {
        var import = await RunAsync("import", DataFolder, "--database", DbPath);
        import.Code.Should().Be(0, import.Err);

        // The file alone, as a backup that copies vigil.db would take: without its write-ahead log, it holds the import.
        var copy = Path.Combine(_folder, "copy.db");
        File.Copy(DbPath, copy);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={copy};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Actors";
        Convert.ToInt64(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken)).Should().BeGreaterThan(300);
    }

    [Theory]
    [InlineData("amnesty.stix2", "{\n  \"type\": \"bundle\",\n  \"id\": \"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\n  \"objects\": []\n}", "vigil import stix amnesty.stix2")]
    [InlineData("entities.ftm.json", "{\"id\": \"NK-1\", \"schema\": \"Person\", \"properties\": {\"name\": [\"A\"]}}\n", "vigil import ftm entities.ftm.json")]
    [InlineData("suppliers.csv", "vendor,agency\nIntellexa S.A.,Hellenic Police\n", "vigil import table suppliers.csv")]
    [InlineData("indicators.xml", "<stix:STIX_Package xmlns:stix=\"http://stix.mitre.org/stix-1\"/>", "STIX 1.x")]
    public async Task ImportOfAFileWithAVerbOfItsOwn_NamesTheVerb_AndWritesNothing(string name, string content, string expected)
    {
        var file = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);

        var run = await RunAsync("import", file, "--database", DbPath);

        run.Code.Should().Be(1);
        run.Err.Should().Contain(expected);
        (await RunAsync("stats", "--database", DbPath)).Out.Should().Contain("actors (all): 0");
    }

    [Fact]
    public async Task ExportFtm_OfTheStarterData_ImportsIntoAnEmptyDatabase_WithEveryEdge()
    {
        (await RunAsync("import", DataFolder, "--database", DbPath)).Code.Should().Be(0);
        var file = Path.Combine(_folder, "vigil.ftm.json");

        var export = await RunAsync("export", "--format", "ftm", "--out", file, "--database", DbPath);

        export.Code.Should().Be(0, export.Err);
        export.Out.Should().MatchRegex(@"Wrote \d{3,} FollowTheMoney entities");
        File.ReadLines(file).Should().Contain(l => l.Contains("\"schema\":\"Directorship\"", StringComparison.Ordinal));
        var copy = Path.Combine(_folder, "copy.db");
        var import = await RunAsync("import", "ftm", file, "--database", copy);
        import.Code.Should().Be(0, import.Err);
        import.Out.Should().MatchRegex(@"relationships \d{2,} created").And.NotContain("skipped, an end is not in the file");
        (await RunAsync("import", "ftm", file, "--database", copy)).Out.Should().Contain("actors 0 created").And.Contain("relationships 0 created, 0 updated");
        var stdout = await RunAsync("export", "--format", "ftm", "--database", copy);
        stdout.Out.Split('\n').Should().Contain(l => l.StartsWith("{\"id\":\"vigil-actor-intellexa-sa\",\"schema\":\"Company\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportMisp_OfTheStarterData_ImportsIntoAnEmptyDatabase_AndExportsTheSameFile()
    {
        (await RunAsync("import", DataFolder, "--database", DbPath)).Code.Should().Be(0);
        (await RunAsync("import", Path.Combine(DataFolder, "misp", "clusters_surveillance-vendor.json"), "--database", DbPath)).Code.Should().Be(0);
        var file = Path.Combine(_folder, "out", "surveillance-vendor.json");

        var export = await RunAsync("export", "--format", "misp", "--out", file, "--database", DbPath);

        export.Code.Should().Be(0, export.Err);
        export.Out.Should().MatchRegex(@"Wrote a MISP galaxy cluster of 6\d\d vendors");
        var values = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!["values"]!.AsArray();
        values.Should().Contain(v => v!["uuid"]!.GetValue<string>() == "49d8e89f-401d-4d3d-9155-5758a346a4a1", "NSO Group keeps its MISP uuid");
        var open = await RunAsync("export", "--format", "misp", "--clearance", "CLEAR", "--database", DbPath);
        open.Code.Should().Be(0, open.Err);
        System.Text.Json.Nodes.JsonNode.Parse(open.Out)!["values"]!.AsArray().Count.Should().BeLessThan(values.Count, "the public's file leaves the drafts out");
        (await RunAsync("export", "--format", "ftm", "--clearance", "CLEAR", "--database", DbPath)).Code.Should().Be(2);
        (await RunAsync("export", "--format", "misp", "--clearance", "BLUE", "--database", DbPath)).Err.Should().Contain("unknown marking 'BLUE'");

        var copy = Path.Combine(_folder, "copy.db");
        var import = await RunAsync("import", file, "--database", copy);
        import.Code.Should().Be(0, import.Err);
        var again = Path.Combine(_folder, "again.json");
        (await RunAsync("export", "--format", "misp", "--out", again, "--database", copy)).Code.Should().Be(0);
        File.ReadAllBytes(again).Should().Equal(File.ReadAllBytes(file), "the round trip gives the same file");
    }

    // The CI check of data/: the starter dataset, as committed, passes every rule of the importer.
    [Fact]
    public async Task ImportDryRun_OfTheStarterData_FindsNoError_AndWritesNothing()
    {
        var result = await RunAsync("import", DataFolder, "--dry-run", "--database", DbPath);

        result.Code.Should().Be(0, result.Err);
        result.Out.Should().Contain("no errors").And.Contain("nothing written").And.MatchRegex(@"\d{3,} created");
        var stats = await RunAsync("stats", "--database", DbPath);
        stats.Out.Should().Contain("actors (all): 0");
    }

    [Fact]
    public async Task ImportDryRun_OfABadFolder_ExitsOne_WithTheError()
    {
        var bad = Path.Combine(_folder, "bad");
        Directory.CreateDirectory(Path.Combine(bad, "measures"));
        File.WriteAllText(Path.Combine(bad, "measures", "x.yaml"), "id: x\ntype: lawsuit\ntitle: X v Y\nauthority: nobody-here\nstatus: draft\n");

        var result = await RunAsync("import", bad, "--dry-run", "--database", DbPath);

        result.Code.Should().Be(1);
        result.Err.Should().Contain("measures/x.yaml").And.Contain("authority").And.Contain("nobody-here");
    }

    [Fact]
    public async Task Import_OfABadFolder_ExitsOne_NamesFileRecordAndField_AndWritesNothing()
    {
        var bad = Path.Combine(_folder, "bad");
        Directory.CreateDirectory(Path.Combine(bad, "actors"));
        File.WriteAllText(Path.Combine(bad, "actors", "acme.yaml"), "id: acme\nkind: company\nname: Acme\ncountry: XX\nstatus: draft\n");
        var result = await RunAsync("import", bad, "--database", DbPath);
        result.Code.Should().Be(1);
        result.Err.Should().Contain("actors/acme.yaml").And.Contain("'acme'").And.Contain("country").And.Contain("XX");
        result.Err.Should().Contain("nothing was written");
        var stats = await RunAsync("stats", "--database", DbPath);
        stats.Out.Should().Contain("actors (all): 0");
    }

    [Fact]
    public async Task ImportFtm_ImportsSanctions_ReportsAMalformedLineWithItsNumber_AndWritesNothingThen()
    {
        var file = Path.Combine(_folder, "entities.ftm.json");
        var company = "{\"id\": \"co-1\", \"caption\": \"Acme Surveillance Ltd\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Acme Surveillance Ltd\"], \"country\": [\"cy\"]}}";
        var sanction = "{\"id\": \"s-1\", \"caption\": \"Sanction\", \"schema\": \"Sanction\", \"properties\": {\"entity\": [\"co-1\"], \"authority\": [\"Office of Foreign Assets Control\"], \"country\": [\"us\"], \"programId\": [\"CYBER2\"], \"startDate\": [\"2024-03-05\"]}}";
        File.WriteAllLines(file, [company, "{\"id\": \"x\"", sanction]);

        var bad = await RunAsync("import", "ftm", file, "--database", DbPath);
        bad.Code.Should().Be(1);
        bad.Err.Should().Contain("entities.ftm.json:2").And.Contain("nothing was written");
        (await RunAsync("stats", "--database", DbPath)).Out.Should().Contain("actors (all): 0");

        File.WriteAllLines(file, [company, sanction]);
        var good = await RunAsync("import", "ftm", file, "--database", DbPath);
        good.Code.Should().Be(0, good.Err);
        good.Out.Should().Contain("measures 1 created").And.Contain("actors 1 created");
        var again = await RunAsync("import", "ftm", file, "--database", DbPath);
        again.Out.Should().Contain("measures 0 created, 0 updated");
    }

    [Fact]
    public async Task UnknownVerb_IsAUsageError()
    {
        var result = await RunAsync("frobnicate");
        result.Code.Should().Be(2);
        result.Err.Should().Contain("frobnicate");
    }

    [Fact]
    public async Task PostgresWithoutConnectionString_IsAConfigurationError_NamingTheSetting()
    {
        Environment.SetEnvironmentVariable("Vigil__Database__Provider", "postgres");
        try
        {
            var result = await RunAsync("stats");
            result.Code.Should().Be(3);
            result.Err.Should().Contain("Vigil:Database:ConnectionString");
        }
        finally
        {
            Environment.SetEnvironmentVariable("Vigil__Database__Provider", null);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }
    }
}
