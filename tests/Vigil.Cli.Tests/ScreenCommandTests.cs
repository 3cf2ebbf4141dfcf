using FluentAssertions;
using Xunit;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil screen</c> on the starter data in a temporary SQLite file: one name, and a CSV of names.</summary>
public sealed class ScreenCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-screen-").FullName;

    private string DbPath => Path.Combine(_folder, "vigil.db");

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    [Fact]
    public async Task Screen_OneNameAndACsv_FindTheirActors_WithExplanations()
    {
        (await RunAsync("import", Path.Combine(AppContext.BaseDirectory, "data"), "--database", DbPath)).Code.Should().Be(0);

        var one = await RunAsync("screen", "Intelexa", "--schema", "Company", "--database", DbPath);
        one.Code.Should().Be(0, one.Err);
        one.Out.Should().Contain("intellexa").And.Contain("yes").And.Contain("typo");

        var csv = Path.Combine(_folder, "names.csv");
        await File.WriteAllTextAsync(csv, "name,country\nTal Dilyan,IL\n\"NSO Group Technologies, Ltd.\",IL\nNobody Whatsoever Xyzzy,\n", TestContext.Current.CancellationToken);
        var many = await RunAsync("screen", "--csv", csv, "--database", DbPath);
        many.Code.Should().Be(0, many.Err);
        var lines = many.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("query,name,candidate_id,candidate,schema,score,match,datasets,explanation");
        lines.Should().Contain(l => l.StartsWith("row-2,Tal Dilyan,tal-dilian,", StringComparison.Ordinal) && l.Contains(",true,", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("row-3,", StringComparison.Ordinal) && l.Contains("nso-group", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("row-4,Nobody Whatsoever Xyzzy,", StringComparison.Ordinal) && l.EndsWith("no candidate", StringComparison.Ordinal));

        var missing = await RunAsync("screen", "--csv", Path.Combine(_folder, "nope.csv"), "--database", DbPath);
        missing.Code.Should().Be(1);
        missing.Err.Should().Contain("nope.csv");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
