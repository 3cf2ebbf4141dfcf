using System.CommandLine;
using Vigil.Features.Stats;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil stats</c>: what the knowledge base holds (on this machine's database, or a server's with --server).</summary>
internal static class StatsCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("stats", "Count the records by kind (with --server: those the token's owner may see on that server).");
        command.SetAction((parse, ct) => Remote.IsRequested(parse)
            ? Remote.RunAsync(parse, console, async remote =>
            {
                await PrintAsync(console.Output, await remote.GetAsync<StatsResult>("/api/v1/stats", ct));
                return VigilCommand.ExitCodes.Ok;
            })
            : CliHost.RunAsync(parse, console, async services =>
            {
                await CliHost.MigrateAsync(services);
                await PrintAsync(console.Output, await services.GetRequiredService<GetStatsHandler>().HandleAsync(ct));
                return VigilCommand.ExitCodes.Ok;
            }));
        return command;
    }

    private static async Task PrintAsync(TextWriter output, StatsResult s)
    {
        foreach (var (kind, count) in s.ActorsByKind)
        {
            await output.WriteLineAsync($"actors ({kind}): {count}");
        }
        await output.WriteLineAsync($"actors (all): {s.ActorsByKind.Values.Sum()}  published {s.Published}, unpublished {s.Unpublished}");
        await output.WriteLineAsync($"products: {s.Products}");
        await output.WriteLineAsync($"relationships: {s.Relationships}");
        await output.WriteLineAsync($"sources: {s.Sources}");
        await output.WriteLineAsync($"citations: {s.Citations}");
        await output.WriteLineAsync($"revisions: {s.Revisions}");
    }
}
