using System.CommandLine;
using Vigil.Access;
using Vigil.Features.Export;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil export --format vigil|csv --out DIR</c>, <c>vigil export --format ftm [--out FILE]</c>, <c>vigil export --format stix --out FILE</c>,
/// <c>vigil export --format misp [--out FILE] [--clearance TLP]</c>.
/// </summary>
internal static class ExportCommand
{
    public static Command Build(CliConsole console)
    {
        var format = new Option<string>("--format", "-f") { Description = "vigil (the data layout, re-importable), csv, ftm (FollowTheMoney entities, one JSON object a line), stix (one STIX 2.1 bundle of the whole graph) or misp (the vendors as a MISP galaxy cluster file).", DefaultValueFactory = _ => "vigil" };
        format.AcceptOnlyFromAmong("vigil", "csv", "ftm", "stix", "misp");
        var outDir = new Option<string?>("--out", "-o") { Description = "The folder to write into (created); for ftm and misp the file (standard output without it); for stix the bundle's file." };
        var clearance = new Option<string?>("--clearance") { Description = "misp only: read as a reader cleared up to this TLP marking, published records only (CLEAR for a file to send to the MISP community). Without it, the operator's view." };
        var command = new Command("export", "Export the knowledge base, as the operator sees it (every marking and status).") { format, outDir, clearance };
        command.SetAction(async (parse, ct) =>
        {
            Reader? reader = null;
            if (parse.GetValue(clearance) is { } wanted)
            {
                if (parse.GetValue(format) != "misp")
                {
                    await console.Error.WriteLineAsync("--clearance applies to --format misp only.");
                    return VigilCommand.ExitCodes.Usage;
                }
                if (!Markings.TryParse(wanted, out var marking))
                {
                    await console.Error.WriteLineAsync($"--clearance: unknown marking '{wanted}' (CLEAR, GREEN, AMBER, AMBER+STRICT, RED).");
                    return VigilCommand.ExitCodes.Usage;
                }
                reader = new Reader($"cli:{Environment.UserName} (TLP:{marking.ToLabel()})", marking, SeesUnpublished: false, CanEdit: false);
            }
            return await CliHost.RunAsync(parse, console, services => RunAsync(services, parse, console, format, outDir, ct), reader);
        });
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, ParseResult parse, CliConsole console, Option<string> format, Option<string?> outDir, CancellationToken ct)
    {
        var output = console.Output;
        await CliHost.MigrateAsync(services);
        if (parse.GetValue(format) == "misp")
        {
            var export = await services.GetRequiredService<ExportMispGalaxyHandler>().HandleAsync(ct);
            var audited = new ExportSummary("misp", export.Values.Count, export.Highest);
            if (parse.GetValue(outDir) is { } file)
            {
                var path = Path.GetFullPath(file);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var bytes = export.ToUtf8();
                await File.WriteAllBytesAsync(path, bytes, ct);
                await output.WriteLineAsync($"Wrote a MISP galaxy cluster of {export.Values.Count} vendors ({bytes.Length:N0} bytes) to {path}");
                await AuditedAsync(output, audited);
            }
            else
            {
                await output.WriteAsync(System.Text.Encoding.UTF8.GetString(export.ToUtf8()));
                await AuditedAsync(console.Error, audited);
            }
            return VigilCommand.ExitCodes.Ok;
        }
        if (parse.GetValue(format) == "ftm")
        {
            var export = await services.GetRequiredService<ExportFtmHandler>().HandleAsync(ct);
            var audited = new ExportSummary("ftm", export.Entities.Count, export.Highest);
            if (parse.GetValue(outDir) is { } file)
            {
                await File.WriteAllBytesAsync(Path.GetFullPath(file), export.ToLines(), ct);
                await output.WriteLineAsync($"Wrote {export.Entities.Count} FollowTheMoney entities to {Path.GetFullPath(file)}");
                await AuditedAsync(output, audited);
            }
            else
            {
                await output.WriteAsync(System.Text.Encoding.UTF8.GetString(export.ToLines()));
                await AuditedAsync(console.Error, audited);
            }
            return VigilCommand.ExitCodes.Ok;
        }
        if (parse.GetValue(outDir) is not { } outFolder)
        {
            await console.Error.WriteLineAsync($"--out DIR is required for --format {parse.GetValue(format)}.");
            return VigilCommand.ExitCodes.Usage;
        }
        var folder = Path.GetFullPath(outFolder);
        if (parse.GetValue(format) == "stix")
        {
            var file = folder;
            var export = (await Progress.ShowAsync(output, "Exporting STIX 2.1…", () => services.GetRequiredService<ExportStixHandler>().HandleAsync(new StixScope(), ct)))!;
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var bytes = export.ToUtf8();
            await File.WriteAllBytesAsync(file, bytes, ct);
            await output.WriteLineAsync($"Wrote a STIX 2.1 bundle of {export.Bundle["objects"]!.AsArray().Count} objects ({export.Export.Records} records, {bytes.Length:N0} bytes) to {file}");
            await AuditedAsync(output, export.Export);
        }
        else if (parse.GetValue(format) == "csv")
        {
            var result = await Progress.ShowAsync(output, "Exporting CSV…", () => services.GetRequiredService<ExportCsvHandler>().HandleAsync(folder, ct));
            await output.WriteLineAsync($"Wrote {string.Join(", ", result.Rows.Select(c => $"{c.Key} ({c.Value} rows)"))} to {folder}");
            await AuditedAsync(output, result.Export);
        }
        else
        {
            var result = await Progress.ShowAsync(output, "Exporting…", () => services.GetRequiredService<ExportVigilDataHandler>().HandleAsync(folder, ct));
            await output.WriteLineAsync($"Wrote {result.Files} files to {folder}");
            await AuditedAsync(output, result.Export);
        }
        return VigilCommand.ExitCodes.Ok;
    }

    private static async Task AuditedAsync(TextWriter output, ExportSummary export)
    {
        if (ExportAudit.IsAudited(export.Highest))
        {
            await output.WriteLineAsync($"The export holds records marked up to {export.Highest.ToLabel()}: it was recorded in the audit log. Share it only as its markings allow.");
        }
    }
}
