using System.CommandLine;
using System.CommandLine.Parsing;
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

    /// <summary>
    /// The verbs that work against a server (--server). Any other verb refuses --server and --token-file
    /// rather than ignoring them and quietly working on the local database.
    /// </summary>
    public static readonly IReadOnlySet<string> RemoteVerbs = new HashSet<string>(StringComparer.Ordinal) { "search", "stats", "api" };

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
        root.Subcommands.Add(ServeCommand.Build(output, error));
        root.Subcommands.Add(MigrateCommand.Build(output, error));
        root.Subcommands.Add(ImportCommand.Build(output, error));
        root.Subcommands.Add(ExportCommand.Build(console));
        root.Subcommands.Add(StatsCommand.Build(console));
        root.Subcommands.Add(SearchCommand.Build(console));
        root.Subcommands.Add(ScreenCommand.Build(console));
        root.Subcommands.Add(ApiCommand.Build(console));
        root.Subcommands.Add(UsersCommand.Build(console));
        root.Subcommands.Add(TokensCommand.Build(console));
        root.Subcommands.Add(AuditCommand.Build(console));
        root.Subcommands.Add(IncidentsCommand.Build(console));
        root.Subcommands.Add(IndicatorsCommand.Build(console));
        root.Subcommands.Add(QuarterCommand.Build(console));
        root.Subcommands.Add(BriefCommand.Build(console));
        root.Subcommands.Add(DiligenceCommand.Build(console));
        root.Subcommands.Add(DigestCommand.Build(console));
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null) =>
        RunAsync(args, new CliConsole { Output = output ?? Console.Out, Error = error ?? Console.Error });

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var (output, error) = (console.Output, console.Error);
        var root = Build(console);
        var parse = root.Parse(args);
        // Before the parse errors: "--out is required" would hide that the verb cannot run remotely at all.
        var verb = VerbOf(parse);
        var top = verb.Split(' ')[0];
        if (verb.Length > 0 && !RemoteVerbs.Contains(top)
            && (!string.IsNullOrWhiteSpace(parse.GetValue(Server)) || parse.GetValue(TokenFile) is not null))
        {
            await error.WriteLineAsync($"'vigil {verb}' works on the local database only: it does not take --server or --token-file. " +
                $"Against a server, use {string.Join(", ", RemoteVerbs.Select(v => $"'vigil {v}'"))} (e.g. 'vigil api GET /api/v1/...').");
            return ExitCodes.Usage;
        }
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

    /// <summary>The verb's path without the root, e.g. "incidents export".</summary>
    private static string VerbOf(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? r = parse.CommandResult; r is CommandResult c && c.Command is not RootCommand; r = r.Parent)
        {
            names.Insert(0, c.Command.Name);
        }
        return string.Join(' ', names);
    }
}
