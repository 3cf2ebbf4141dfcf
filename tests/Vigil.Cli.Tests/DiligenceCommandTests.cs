using System.Text.Json.Nodes;
using FluentAssertions;
using Xunit;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil diligence …</c> on a temporary SQLite file with the starter data: text and JSON, read as the public unless a clearance is given.</summary>
public sealed class DiligenceCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-cli-diligence-").FullName;

    private string DbPath => Path.Combine(_folder, "vigil.db");

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    [Fact]
    public async Task Diligence_WritesTheVendorAndCustomerReports_AsTextAndJson()
    {
        (await RunAsync("import", Path.Combine(AppContext.BaseDirectory, "data"), "--database", DbPath)).Code.Should().Be(0);

        var text = await RunAsync("diligence", "vendor", "intellexa-sa", "--database", DbPath);
        text.Code.Should().Be(0, text.Err);
        text.Out.Should().StartWith("TLP:CLEAR\nDue diligence on a prospective vendor: Intellexa S.A.\n").And.Contain("Published records marked TLP:CLEAR only")
            .And.Contain("\nMeasures against its network\n  Verdict: ").And.Contain("Sanction by Office of Foreign Assets Control (United States)").And.Contain("\nSources\n  [1] ");
        TestContext.Current.TestOutputHelper?.WriteLine(text.Out);

        var json = await RunAsync("diligence", "customer", "rwanda", "--format", "json", "--database", DbPath);
        json.Code.Should().Be(0, json.Err);
        var report = JsonNode.Parse(json.Out)!;
        report["kind"]!.GetValue<string>().Should().Be("customer");
        report["marking"]!.GetValue<string>().Should().Be("CLEAR");
        report["factors"]![0]!["verdict"]!.GetValue<string>().Should().Contain("transnational repression");

        (await RunAsync("diligence", "vendor", "intellexa-sa", "--format", "pdf", "--database", DbPath)).Code.Should().Be(2);
        (await RunAsync("diligence", "customer", "intellexa-sa", "--database", DbPath)).Code.Should().Be(1, "a company is no customer");
        (await RunAsync("diligence", "vendor", "atlantis", "--clearance", "AMBER", "--database", DbPath)).Code.Should().Be(1);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
