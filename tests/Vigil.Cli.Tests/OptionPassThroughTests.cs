using FluentAssertions;
using Xunit;

namespace Vigil.Cli.Tests;

/// <summary>
/// Options are used or refused, never ignored: settings pass through 'vigil serve' as the README writes
/// them, and --server is refused by the verbs that only work on the local database.
/// </summary>
public sealed class OptionPassThroughTests
{
    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    [Fact]
    public async Task Serve_PassesASettingThrough_ToTheWebHostsConfiguration()
    {
        // Not started: the setting reaches the host, whose validation refuses it and names the missing one.
        var result = await RunAsync("serve", "--urls", "http://127.0.0.1:0", "--Vigil:Database:Provider=postgres", "--Vigil:Database:ConnectionString=");
        result.Err.Should().NotContain("Unrecognized command or argument");
        result.Code.Should().Be(VigilCommand.ExitCodes.Configuration, result.Err);
        result.Err.Should().Contain("Vigil:Database:ConnectionString");
    }

    [Theory]
    [InlineData("--Vigil:Database:Path=.vigil/other.db", null)]
    [InlineData("--Vigil:Database:Path .vigil/other.db", null)]
    [InlineData("--Vigil:Database:Path", "has no value")]
    [InlineData("--frobnicate", "Unrecognized command or argument '--frobnicate'")]
    [InlineData("stray", "Unrecognized command or argument 'stray'")]
    public void Serve_TakesSettingsOnly(string tokens, string? problem)
    {
        var found = Commands.ServeCommand.SettingsProblem(tokens.Split(' '));
        if (problem is null)
        {
            found.Should().BeNull();
        }
        else
        {
            found.Should().Contain(problem);
        }
    }

    [Fact]
    public async Task Serve_RefusesAMistypedOption_InsteadOfStarting()
    {
        var result = await RunAsync("serve", "--urls", "http://127.0.0.1:0", "--databse", "x.db");
        result.Code.Should().Be(VigilCommand.ExitCodes.Usage);
        result.Err.Should().Contain("--databse");
    }

    [Theory]
    [InlineData("incidents", "export", "--out", "incidents.csv", "--server", "https://vigil.example.org")]
    [InlineData("export", "--format", "vigil", "--out", "x", "--server", "https://vigil.example.org")]
    [InlineData("import", "data", "--server", "https://vigil.example.org")]
    [InlineData("import", "table", "t.csv", "--map", "from=Vendor", "--server", "https://vigil.example.org")]
    [InlineData("users", "list", "--token-file", "token.txt")]
    public async Task ALocalVerb_RefusesServer_AndWritesNothing(params string[] args)
    {
        var result = await RunAsync(args);
        result.Code.Should().Be(VigilCommand.ExitCodes.Usage);
        result.Err.Should().Contain("works on the local database only").And.Contain("'vigil api'");
        result.Out.Should().BeEmpty();
    }
}
