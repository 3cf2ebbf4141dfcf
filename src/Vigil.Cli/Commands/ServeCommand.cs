using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Vigil.Web;
using Vigil.Web.Infrastructure;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil serve</c>: the web UI and API.</summary>
internal static class ServeCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var command = new Command("serve",
            "Start the web UI and the API (migrates and loads the starter data into an empty database unless configured otherwise). " +
            "Any setting can follow as --Section:Key=value, e.g. --Vigil:Database:Path=/srv/vigil/vigil.db.") { urls };
        // Settings pass through to the web host's configuration, as 'dotnet run -- --Vigil:...' would take them.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            if (SettingsProblem(parse.UnmatchedTokens) is { } problem)
            {
                await error.WriteLineAsync(problem);
                return VigilCommand.ExitCodes.Usage;
            }
            var args = new List<string> { "--urls", parse.GetValue(urls)! };
            if (parse.GetValue(VigilCommand.Database) is { } path)
            {
                args.AddRange(["--Vigil:Database:Provider", "sqlite", "--Vigil:Database:Path", path]);
            }
            args.AddRange(parse.UnmatchedTokens);
            try
            {
                var app = VigilWebHost.Build([.. args]);
                await app.PrepareDatabaseAsync();
                await app.StartAsync(ct);
                var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
                await output.WriteLineAsync($"Vigil is running at {string.Join(", ", addresses)} (Ctrl+C to stop)");
                await app.WaitForShutdownAsync(ct);
            }
            catch (OptionsValidationException e)
            {
                await error.WriteLineAsync("Configuration error: " + string.Join("; ", e.Failures));
                return VigilCommand.ExitCodes.Configuration;
            }
            return VigilCommand.ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Only configuration settings pass through (a key with a section, "--Vigil:Database:Path=…" or
    /// "--Vigil:Database:Path …"); anything else is a mistyped option and is refused, never ignored.
    /// </summary>
    internal static string? SettingsProblem(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || !token.Contains(':', StringComparison.Ordinal))
            {
                return $"Unrecognized command or argument '{token}'. Settings are written --Section:Key=value, e.g. --Vigil:Database:Path=.vigil/vigil.db.";
            }
            if (!token.Contains('=', StringComparison.Ordinal))
            {
                if (i + 1 >= tokens.Count || tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return $"The setting '{token}' has no value: write {token}=value.";
                }
                i++;
            }
        }
        return null;
    }
}
