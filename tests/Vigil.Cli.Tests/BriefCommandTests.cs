using FluentAssertions;
using Xunit;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil brief …</c> on a temporary SQLite file with the starter data: text and PDF, read as the public unless a clearance is given.</summary>
public sealed class BriefCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-cli-briefs-").FullName;

    private string DbPath => Path.Combine(_folder, "vigil.db");

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    [Fact]
    [Trait("Category", "Browser")]
    public async Task Brief_WritesTheCountryBriefAndGapReport_AsTextAndPdf_AsThePublicByDefault()
    {
        (await RunAsync("import", Path.Combine(AppContext.BaseDirectory, "data"), "--database", DbPath)).Code.Should().Be(0);

        var text = await RunAsync("brief", "country", "united-kingdom", "--database", DbPath);
        text.Code.Should().Be(0, text.Err);
        text.Out.Should().StartWith("TLP:CLEAR\nCountry brief: United Kingdom\n").And.Contain("Published records marked TLP:CLEAR only")
            .And.Contain("United Kingdom endorsed the Joint Statement").And.Contain("\nSources\n  [1] ");
        TestContext.Current.TestOutputHelper?.WriteLine(text.Out);

        var gaps = await RunAsync("brief", "gaps", "intellexa-sa", "--database", DbPath);
        gaps.Code.Should().Be(0, gaps.Err);
        gaps.Out.Should().Contain("Gap report: Intellexa S.A.").And.Contain("Recommended measures");
        TestContext.Current.TestOutputHelper?.WriteLine(gaps.Out);

        (await RunAsync("brief", "country", "united-kingdom", "--format", "pdf", "--database", DbPath)).Code.Should().Be(2);
        (await RunAsync("brief", "country", "united-kingdom", "--clearance", "PURPLE", "--database", DbPath)).Code.Should().Be(2);
        (await RunAsync("brief", "country", "atlantis", "--database", DbPath)).Code.Should().Be(1);

        var pdf = Path.Combine(_folder, "uk.pdf");
        var printed = await RunAsync("brief", "country", "united-kingdom", "--format", "pdf", "--out", pdf, "--database", DbPath);
        printed.Code.Should().Be(0, printed.Err);
        printed.Out.Should().Contain("(TLP:CLEAR, ").And.Contain("written to " + pdf);
        (await File.ReadAllBytesAsync(pdf, TestContext.Current.CancellationToken)).Take(5).Should().Equal("%PDF-"u8.ToArray());
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
