using Vigil.Testing;

namespace Vigil.Cli.Tests;

/// <summary>Runs the vigil command in-process with a given standard input, environment and HTTP handler.</summary>
internal static class CliRun
{
    /// <summary>Runs the vigil command with <paramref name="args"/> as an operator would, on the real console's defaults.</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await VigilCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public static async Task<(int Code, string Out, string Err)> RunAsync(
        TestDatabase? database, string[] args, string input = "", IReadOnlyDictionary<string, string>? environment = null, HttpMessageHandler? http = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole
        {
            Output = output,
            Error = error,
            Input = new StringReader(input),
            Variable = name => environment?.GetValueOrDefault(name),
            ReadSecret = _ => null,
            Http = http,
            Actor = "cli:tester",
            Settings = database?.Settings() ?? [],
        };
        var code = await VigilCommand.RunAsync(args, console);
        return (code, output.ToString(), error.ToString());
    }
}
