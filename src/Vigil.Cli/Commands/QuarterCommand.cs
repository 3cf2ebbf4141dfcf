using System.CommandLine;
using Vigil.Features.Commitments;
using Vigil.Features.Common;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil quarter open|status|close|compare|scorecard</c>: the quarterly assessment cycle, on this machine's database.</summary>
internal static class QuarterCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("quarter", "The quarterly assessment cycle: open a quarter, follow its progress, close it, compare two.");
        command.Subcommands.Add(Open(console));
        command.Subcommands.Add(Status(console));
        command.Subcommands.Add(Close(console));
        command.Subcommands.Add(Compare(console));
        command.Subcommands.Add(Scorecard(console));
        return command;
    }

    private static Argument<string> QuarterArgument(string name = "quarter") => new(name) { Description = "A calendar quarter, written 2026Q1." };

    private static Command Open(CliConsole console)
    {
        var quarter = QuarterArgument();
        var command = new Command("open", "Open a quarter: a draft assessment for every endorser and commitment, carried forward from the last published one.") { quarter };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            var result = await services.GetRequiredService<OpenQuarterHandler>().HandleAsync(parse.GetValue(quarter)!, ct);
            if (result.Status != WriteStatus.Created)
            {
                return await FailAsync(console, result.Errors);
            }
            var r = result.Value!;
            await console.Output.WriteLineAsync($"Opened {r.Quarter.Code}: {r.Created} draft assessments, {r.CarriedForward} carried forward from earlier quarters.");
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Status(CliConsole console)
    {
        var quarter = QuarterArgument();
        var command = new Command("status", "Progress of a quarter: to do, assessed, in review, published, per state and per researcher.") { quarter };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            if (await services.GetRequiredService<QuarterProgressHandler>().HandleAsync(parse.GetValue(quarter)!, ct) is not { } p)
            {
                await console.Error.WriteLineAsync($"'{parse.GetValue(quarter)}' is not a quarter: write it as 2026Q1.");
                return VigilCommand.ExitCodes.InvalidInput;
            }
            var o = console.Output;
            await o.WriteLineAsync($"{p.Code}: {p.Quarter?.State ?? "not opened"}");
            await o.WriteLineAsync($"{"",-32} {"total",6} {"to do",6} {"rated",6} {"review",6} {"publ.",6}");
            foreach (var row in new[] { p.Overall }.Concat(p.ByActor).Concat(p.ByResearcher.Select(r => r with { Name = "researcher " + r.Name })))
            {
                await o.WriteLineAsync($"{Trim(row.Name),-32} {row.Total,6} {row.ToDo,6} {row.Assessed,6} {row.InReview,6} {row.Published,6}");
            }
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Close(CliConsole console)
    {
        var quarter = QuarterArgument();
        var command = new Command("close", "Close a quarter: its drafts no longer change; published assessments can still be corrected.") { quarter };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            var result = await services.GetRequiredService<CloseQuarterHandler>().HandleAsync(parse.GetValue(quarter)!, ct);
            if (result.Status == WriteStatus.NotFound)
            {
                await console.Error.WriteLineAsync($"Quarter {parse.GetValue(quarter)} was never opened.");
                return VigilCommand.ExitCodes.InvalidInput;
            }
            if (result.Status != WriteStatus.Updated)
            {
                return await FailAsync(console, result.Errors);
            }
            await console.Output.WriteLineAsync($"Closed {result.Value!.Code}.");
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Compare(CliConsole console)
    {
        var a = QuarterArgument("a");
        var b = QuarterArgument("b");
        var command = new Command("compare", "Compare the published assessments of two quarters.") { a, b };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            if (await services.GetRequiredService<CompareQuartersHandler>().HandleAsync(parse.GetValue(a)!, parse.GetValue(b)!, ct) is not { } c)
            {
                await console.Error.WriteLineAsync("Write both quarters as 2026Q1.");
                return VigilCommand.ExitCodes.InvalidInput;
            }
            await console.Output.WriteLineAsync($"{c.A} → {c.B}: {c.Improved} improved, {c.Worsened} worsened, {c.Unchanged} unchanged");
            foreach (var r in c.Rows.Where(r => r.Change != 0))
            {
                await console.Output.WriteLineAsync($"  {Trim(r.ActorName),-32} {r.Code,-4} {r.RatingA ?? "—",-12} → {r.RatingB ?? "—",-12} {(r.Change is { } d ? (d > 0 ? "+" : "") + d : "")}");
            }
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Scorecard(CliConsole console)
    {
        var actor = new Argument<string>("actor") { Description = "The actor's slug (\"united-kingdom\", \"nso-group\")." };
        var quarter = new Option<string?>("--quarter") { Description = "The quarter (default: the latest opened)." };
        var command = new Command("scorecard", "Print an actor's scorecards and contradictions as text.") { actor, quarter };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            if (await services.GetRequiredService<ActorScorecardHandler>().HandleAsync(parse.GetValue(actor)!, parse.GetValue(quarter), ct) is not { } s)
            {
                await console.Error.WriteLineAsync($"No actor '{parse.GetValue(actor)}', or the quarter is not written as 2026Q1.");
                return VigilCommand.ExitCodes.InvalidInput;
            }
            foreach (var card in s.Cards)
            {
                await console.Output.WriteLineAsync(ScorecardMath.ToText(card));
            }
            await console.Output.WriteLineAsync($"Contradictions ({s.Contradictions.Count}):");
            foreach (var c in s.Contradictions)
            {
                await console.Output.WriteLineAsync($"  - {c.Reason} [{string.Join("; ", c.Citations.Select(x => x.SourceTitle))}]");
            }
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }

    private static string Trim(string s) => s.Length <= 32 ? s : s[..31] + "…";

    private static async Task<int> FailAsync(CliConsole console, IReadOnlyDictionary<string, string[]>? errors)
    {
        foreach (var (field, messages) in errors ?? new Dictionary<string, string[]>())
        {
            await console.Error.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
        }
        return VigilCommand.ExitCodes.InvalidInput;
    }
}
