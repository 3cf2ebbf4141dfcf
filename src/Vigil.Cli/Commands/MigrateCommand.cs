using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil migrate</c>: brings the database schema up to date.</summary>
internal static class MigrateCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var command = new Command("migrate", "Create the database or apply pending migrations.");
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, error, async services =>
        {
            var db = services.GetRequiredService<VigilDb>();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await DatabaseSetup.MigrateAsync(db, ct);
            await output.WriteLineAsync(pending.Count == 0 ? "The database is up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }
}
