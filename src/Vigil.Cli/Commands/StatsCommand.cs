using System.CommandLine;
using Vigil.Features.Stats;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil stats</c>: what the knowledge base holds.</summary>
internal static class StatsCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var command = new Command("stats", "Count the records by kind.");
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, error, async services =>
        {
            await CliHost.MigrateAsync(services);
            var s = await services.GetRequiredService<GetStatsHandler>().HandleAsync(ct);
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
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }
}
