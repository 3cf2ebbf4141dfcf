using FluentAssertions;
using Xunit;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil import table</c> on the starter data in a temporary SQLite file: dry run, refusal, import, saved mapping.</summary>
public sealed class ImportTableCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-table-").FullName;

    private string DbPath => Path.Combine(_folder, "vigil.db");

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    [Fact]
    public async Task DryRun_ListsTheUnknownActor_ThenImportLeavesItOut_IntoOneChangeSet_AndTheMappingIsReused()
    {
        (await RunAsync("import", Path.Combine(AppContext.BaseDirectory, "data"), "--database", DbPath)).Code.Should().Be(0);
        var csv = Path.Combine(_folder, "supplies.csv");
        await File.WriteAllTextAsync(csv,
            "Vendor;Customer;Since;Report;Link\n"
            + "Memento Labs;Internal Security Agency;2019;CLI test report;https://example.org/cli-test\n"
            + "Paragon Solutions;Ministry of Nowhere;2020;CLI test report;https://example.org/cli-test\n",
            TestContext.Current.CancellationToken);
        string[] map = ["--map", "from=Vendor", "--map", "to=Customer", "--map", "start-date=Since", "--map", "source=Report", "--map", "source-url=Link"];

        var noType = await RunAsync(["import", "table", csv, .. map, "--dry-run", "--database", DbPath]);
        noType.Code.Should().Be(1);
        noType.Err.Should().Contain("the mapping does not fit the file").And.Contain("relationship type (type)");

        // A constant column is a column too: the type comes from the file.
        await File.WriteAllTextAsync(csv, string.Join('\n', File.ReadAllLines(csv).Select((l, i) => l + (i == 0 ? ";Tie" : ";supplies"))) + "\n", TestContext.Current.CancellationToken);
        var dry = await RunAsync(["import", "table", csv, .. map, "--map", "type=Tie", "--dry-run", "--save-mapping", "cli supplies", "--database", DbPath]);
        dry.Code.Should().Be(1, "a row is refused");
        dry.Out.Should().Contain("row 2     create   Memento Labs supplies Internal Security Agency (from 2019)")
            .And.Contain("Mapping saved as 'cli supplies'.").And.Contain("nothing written");
        dry.Err.Should().Contain("supplies.csv: row 3, column 'Customer': There is no actor 'Ministry of Nowhere'.");

        var refused = await RunAsync("import", "table", csv, "--mapping", "cli supplies", "--database", DbPath);
        refused.Code.Should().Be(1);
        refused.Err.Should().Contain("1 of 2 rows are refused; nothing was written.").And.Contain("--skip-refused");

        var imported = await RunAsync("import", "table", csv, "--mapping", "cli supplies", "--skip-refused", "--database", DbPath);
        imported.Code.Should().Be(0, imported.Err);
        imported.Out.Should().MatchRegex(@"Imported .*supplies\.csv: 1 record\(s\) and 1 new source\(s\) as drafts, submitted for review as change set \d+");

        var again = await RunAsync("import", "table", csv, "--mapping", "cli supplies", "--skip-refused", "--database", DbPath);
        again.Code.Should().Be(0, again.Err);
        again.Out.Should().Contain("row 2     exists").And.Contain("nothing new");

        (await RunAsync("import", "table", csv, "--mapping", "nope", "--database", DbPath)).Err.Should().Contain("no saved mapping is named 'nope'");
        (await RunAsync("import", "table", "--fields")).Out.Should().Contain("from").And.Contain("source-url");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
