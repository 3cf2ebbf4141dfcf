using System.CommandLine;
using Vigil.Features.Watchlists;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil digest</c>: each person's daily digest of published changes touching their watchlist, read as that
/// person. There is no mail server: with <c>--out</c> (or <c>Vigil:Digest:Folder</c>) each digest is written to
/// <c>FOLDER/yyyy-MM-dd/USER.txt</c> for a mailer to pick up; otherwise it is printed. Run it once a day (cron).
/// </summary>
internal static class DigestCommand
{
    public static Command Build(CliConsole console)
    {
        var output = new Option<string?>("--out") { Description = "Write each digest to FOLDER/yyyy-MM-dd/USER.txt (default: Vigil:Digest:Folder; none: print them)." };
        var user = new Option<string?>("--user") { Description = "Only this person's digest." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the digests without writing them or moving anyone's digest mark." };
        var command = new Command("digest", "Build each person's digest of published changes touching their watchlist since their last digest.") { output, user, dryRun };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            var dry = parse.GetValue(dryRun);
            var results = await services.GetRequiredService<DigestHandler>().HandleAsync(parse.GetValue(output), parse.GetValue(user), dry, ct);
            foreach (var r in results)
            {
                if (r.Path is { } path)
                {
                    await console.Output.WriteLineAsync($"{r.UserName}: {r.Changes} change(s) -> {path}");
                }
                else if (r.Changes > 0 || dry)
                {
                    await console.Output.WriteLineAsync(r.Text);
                }
                else
                {
                    await console.Output.WriteLineAsync($"{r.UserName}: nothing new");
                }
            }
            if (results.Count == 0)
            {
                await console.Output.WriteLineAsync("Nobody watches anything yet.");
            }
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }
}
