using System.CommandLine;
using Vigil.Cli.Commands;

namespace Vigil.Cli;

/// <summary>The <c>vigil</c> command: its verbs mirror what an operator does with a knowledge base.</summary>
public static class VigilCommand
{
    /// <summary>Exit codes, the same for every verb.</summary>
    public static class ExitCodes
    {
        public const int Ok = 0;
        public const int InvalidInput = 1;
        public const int Usage = 2;
        public const int Configuration = 3;
    }

    public static readonly Option<string?> Database = new("--database", "-d")
    {
        Description = "The SQLite file to use (default: Vigil:Database:Path, .vigil/vigil.db). For PostgreSQL set Vigil__Database__Provider=postgres and Vigil__Database__ConnectionString.",
        Recursive = true,
    };

    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "Vigil: the accountability knowledge base of the commercial spyware market.\n" +
            "Exit codes: 0 done, 1 invalid input (nothing written), 2 usage error, 3 configuration or database error.")
        {
            Database,
        };
        root.Subcommands.Add(ServeCommand.Build(output));
        root.Subcommands.Add(MigrateCommand.Build(output, error));
        root.Subcommands.Add(ImportCommand.Build(output, error));
        root.Subcommands.Add(ExportCommand.Build(output, error));
        root.Subcommands.Add(StatsCommand.Build(output, error));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = Build(output, error);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync(e.Message);
            }
            await error.WriteLineAsync("Run 'vigil --help' for usage.");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
