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

    public static readonly Option<string?> Server = new("--server")
    {
        Description = "Talk to a running Vigil server at this URL (https://…) through its API instead of opening the database. " +
            "The API token is read from the environment variable VIGIL_TOKEN or from --token-file; without one you read as the public.",
        Recursive = true,
    };

    public static readonly Option<string?> TokenFile = new("--token-file")
    {
        Description = "A file holding the API token for --server (there is deliberately no --token option: it would be kept in shell history and shown by ps).",
        Recursive = true,
    };

    public static RootCommand Build(TextWriter output, TextWriter error) => Build(new CliConsole { Output = output, Error = error });

    public static RootCommand Build(CliConsole console)
    {
        var (output, error) = (console.Output, console.Error);
        var root = new RootCommand(
            "Vigil: the accountability knowledge base of the commercial spyware market.\n" +
            "Exit codes: 0 done, 1 invalid input (nothing written), 2 usage error, 3 configuration or database error.")
        {
            Database,
            Server,
            TokenFile,
        };
        root.Subcommands.Add(ServeCommand.Build(output));
        root.Subcommands.Add(MigrateCommand.Build(output, error));
        root.Subcommands.Add(ImportCommand.Build(output, error));
        root.Subcommands.Add(ExportCommand.Build(console));
        root.Subcommands.Add(StatsCommand.Build(console));
        root.Subcommands.Add(SearchCommand.Build(console));
        root.Subcommands.Add(ApiCommand.Build(console));
        root.Subcommands.Add(UsersCommand.Build(console));
        root.Subcommands.Add(TokensCommand.Build(console));
        root.Subcommands.Add(AuditCommand.Build(console));
        root.Subcommands.Add(IncidentsCommand.Build(console));
        root.Subcommands.Add(QuarterCommand.Build(console));
        root.Subcommands.Add(BriefCommand.Build(console));
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null) =>
        RunAsync(args, new CliConsole { Output = output ?? Console.Out, Error = error ?? Console.Error });

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var (output, error) = (console.Output, console.Error);
        var root = Build(console);
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
