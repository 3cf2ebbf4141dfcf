using System.Text;

namespace Vigil.Cli;

/// <summary>
/// What a verb reads and writes besides the database: its streams, the environment, the terminal (for
/// passwords) and the network (for remote mode). Tests replace each of them; a real run uses the process's.
/// </summary>
public sealed class CliConsole
{
    public required TextWriter Output { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Standard input, for <c>--password-stdin</c> and <c>vigil api … --body -</c>.</summary>
    public TextReader Input { get; init; } = Console.In;

    /// <summary>Reads an environment variable (<c>VIGIL_TOKEN</c>).</summary>
    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Asks for a secret on the terminal without echoing it; null when there is no terminal.</summary>
    public Func<string, string?> ReadSecret { get; init; } = ReadSecretFromTerminal;

    /// <summary>The HTTP handler for remote mode (a test server's in tests); null for a real connection.</summary>
    public HttpMessageHandler? Http { get; init; }

    /// <summary>Settings laid over appsettings and the environment (tests point the CLI at their database with these).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings { get; init; } = [];

    /// <summary>Who the operator is, for the audit log: <c>cli:$USER</c>.</summary>
    public string Actor { get; init; } = "cli:" + Environment.UserName;

    private static string? ReadSecretFromTerminal(string prompt)
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }
        Console.Error.Write(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                secret.Length = Math.Max(0, secret.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
        Console.Error.WriteLine();
        return secret.ToString();
    }
}
