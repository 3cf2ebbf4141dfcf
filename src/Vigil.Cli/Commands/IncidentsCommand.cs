using System.CommandLine;
using Vigil.Features.Import;
using Vigil.Features.Incidents;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil incidents import FILE.csv | export --out FILE.csv [--with-identities] | identities FILE.csv</c>.</summary>
internal static class IncidentsCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("incidents", "Incidents as CSV, and the targets' identities (kept encrypted with the target key file).");

        var importFile = new Argument<string>("file") { Description = "An incidents CSV (docs/incidents.md)." };
        var import = new Command("import", "Import incidents from CSV. All or nothing: errors name the line and the field, and nothing is written.") { importFile };
        import.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            var file = parse.GetValue(importFile)!;
            try
            {
                var result = await services.GetRequiredService<ImportIncidentCsvHandler>().HandleAsync(file, ct);
                await console.Output.WriteLineAsync($"Imported {file}: {result.Created} created, {result.Updated} updated, {result.Targets} new targets");
                return VigilCommand.ExitCodes.Ok;
            }
            catch (ImportRejectedException e)
            {
                return await CliHost.RejectedAsync(console.Error, file, e);
            }
        }));
        command.Subcommands.Add(import);

        var outFile = new Option<string>("--out", "-o") { Description = "The CSV file to write.", Required = true };
        var withIdentities = new Option<bool>("--with-identities")
        {
            Description = "Add the targets' real identities (an 'identities' column). Recorded in the audit log; keep the file as RED.",
        };
        var export = new Command("export", "Export incidents as CSV, targets by pseudonym; identities only with --with-identities, audited.") { outFile, withIdentities };
        export.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            var file = Path.GetFullPath(parse.GetValue(outFile)!);
            var result = await services.GetRequiredService<ExportIncidentCsvHandler>().HandleAsync(file, parse.GetValue(withIdentities), ct);
            await console.Output.WriteLineAsync($"Wrote {result.Rows} incidents to {file}");
            if (result.WithIdentities)
            {
                await console.Output.WriteLineAsync("The file holds targets' real identities: the export was recorded in the audit log. Keep it as TLP:RED and delete it when done.");
            }
            return VigilCommand.ExitCodes.Ok;
        }));
        command.Subcommands.Add(export);

        var identitiesFile = new Argument<string>("file") { Description = "A pseudonym,identity CSV kept outside the repository." };
        var identities = new Command("identities", "Load targets' real identities (encrypted at rest with the target key file; the file itself stays outside the database).") { identitiesFile };
        identities.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            var file = parse.GetValue(identitiesFile)!;
            try
            {
                var loaded = await services.GetRequiredService<LoadTargetIdentitiesHandler>().HandleAsync(file, ct);
                await console.Output.WriteLineAsync($"Loaded {loaded} target identities (encrypted).");
                return VigilCommand.ExitCodes.Ok;
            }
            catch (ImportRejectedException e)
            {
                return await CliHost.RejectedAsync(console.Error, file, e);
            }
        }));
        command.Subcommands.Add(identities);

        var stats = new Command("stats", "The incident statistics (published incidents), as the statistics page shows them.");
        stats.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            var result = await services.GetRequiredService<GetIncidentStatisticsHandler>().HandleAsync(ct);
            await console.Output.WriteLineAsync(result.Headline);
            foreach (var (title, figures) in new[] { ("acting abroad", result.StatesActingAbroadList), ("by year", result.ByYear), ("by operator state", result.ByOperatorState),
                         ("by vendor", result.ByVendor), ("by product", result.ByProduct), ("by target category", result.ByTargetCategory), ("by investigator", result.ByInvestigator) })
            {
                await console.Output.WriteLineAsync($"{title}: {string.Join(", ", figures.Select(f => $"{f.Label} {f.Incidents}"))}");
            }
            return VigilCommand.ExitCodes.Ok;
        }));
        command.Subcommands.Add(stats);
        return command;
    }
}
