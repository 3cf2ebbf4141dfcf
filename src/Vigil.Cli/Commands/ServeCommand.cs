using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Vigil.Web;
using Vigil.Web.Infrastructure;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil serve</c>: the web UI and API.</summary>
internal static class ServeCommand
{
    public static Command Build(TextWriter output)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var command = new Command("serve", "Start the web UI and the API (migrates and loads the starter data into an empty database unless configured otherwise).") { urls };
        command.SetAction(async (parse, ct) =>
        {
            var args = new List<string> { "--urls", parse.GetValue(urls)! };
            if (parse.GetValue(VigilCommand.Database) is { } path)
            {
                args.AddRange(["--Vigil:Database:Provider", "sqlite", "--Vigil:Database:Path", path]);
            }
            var app = VigilWebHost.Build([.. args]);
            await app.PrepareDatabaseAsync();
            await app.StartAsync(ct);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            await output.WriteLineAsync($"Vigil is running at {string.Join(", ", addresses)} (Ctrl+C to stop)");
            await app.WaitForShutdownAsync(ct);
            return VigilCommand.ExitCodes.Ok;
        });
        return command;
    }
}
