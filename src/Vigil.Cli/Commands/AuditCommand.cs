using System.CommandLine;
using System.Globalization;
using Vigil.Security;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil audit verify|head|list</c>: checks the hash chain of the audit log, prints its head (to be
/// recorded somewhere the database's administrators cannot change), and shows recent entries.
/// </summary>
internal static class AuditCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("audit", "Check and read the security audit log (docs/security.md).");
        command.Subcommands.Add(Verify(console));
        command.Subcommands.Add(Head(console));
        command.Subcommands.Add(List(console));
        return command;
    }

    private static Command Verify(CliConsole console)
    {
        var expect = new Option<string?>("--expect-head") { Description = "A head hash recorded earlier with 'vigil audit head': also detects entries deleted from the end." };
        var command = new Command("verify", "Check every entry's hash and its link to the one before. Exit 0 when intact, 1 listing each break.") { expect };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            var db = services.GetRequiredService<SecurityDb>();
            var result = await AuditLog.VerifyAsync(db, ct);
            var intact = result.IsIntact;
            foreach (var problem in result.Breaks)
            {
                await console.Output.WriteLineAsync($"entry {problem.EntryId}: {problem.Problem}");
            }
            if (parse.GetValue(expect) is { } recorded)
            {
                var head = await AuditLog.CheckHeadAsync(db, recorded, ct);
                if (!head.Found)
                {
                    intact = false;
                    await console.Output.WriteLineAsync(
                        $"head: the recorded head {head.RecordedHead} is not in the log: entries at its end were deleted, or the log was rewritten.");
                }
                else
                {
                    await console.Output.WriteLineAsync($"head: the recorded head is entry {head.EntryId}; {head.EntriesAfter} entries were appended since.");
                }
            }
            await console.Output.WriteLineAsync(intact
                ? $"The audit log is intact: {result.Entries} {(result.Entries == 1 ? "entry" : "entries")}, head {Show(result.HeadHash)}."
                : $"The audit log is NOT intact ({result.Entries} entries).");
            return intact ? VigilCommand.ExitCodes.Ok : VigilCommand.ExitCodes.InvalidInput;
        }));
        return command;
    }

    private static Command Head(CliConsole console)
    {
        var command = new Command("head", "Print the number of entries and the head hash. Record them out of band (a ticket, a signed mail) and check later with 'verify --expect-head'.");
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            var result = await AuditLog.VerifyAsync(services.GetRequiredService<SecurityDb>(), ct);
            await console.Output.WriteLineAsync($"entries: {result.Entries}");
            await console.Output.WriteLineAsync($"head: {Show(result.HeadHash)}");
            if (!result.IsIntact)
            {
                await console.Error.WriteLineAsync($"The chain has {result.Breaks.Count} break(s): run 'vigil audit verify'.");
                return VigilCommand.ExitCodes.InvalidInput;
            }
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(CliConsole console)
    {
        var last = new Option<int>("--last", "-n") { Description = "How many of the latest entries (default 20).", DefaultValueFactory = _ => 20 };
        var command = new Command("list", "Show the latest entries, oldest first.") { last };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            var entries = await AuditLog.LastAsync(services.GetRequiredService<SecurityDb>(), parse.GetValue(last), ct);
            await Table.WriteAsync(console.Output, ["ID", "AT (UTC)", "ACTOR", "EVENT", "DETAIL"],
                entries.Select(e => new[]
                {
                    e.Id.ToString(CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), e.Actor, e.Event, e.Detail,
                }));
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }

    private static string Show(string hash) => hash.Length == 0 ? "(empty log)" : hash;
}
