using System.CommandLine;
using Vigil.Features.Export;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil export --format vigil|csv --out DIR</c>, <c>vigil export --format ftm [--out FILE]</c>, <c>vigil export --format stix --out FILE</c>.</summary>
internal static class ExportCommand
{
    public static Command Build(CliConsole console)
    {
        var output = console.Output;
        var format = new Option<string>("--format", "-f") { Description = "vigil (the data layout, re-importable), csv, ftm (FollowTheMoney entities, one JSON object a line) or stix (one STIX 2.1 bundle of the whole graph).", DefaultValueFactory = _ => "vigil" };
        format.AcceptOnlyFromAmong("vigil", "csv", "ftm", "stix");
        var outDir = new Option<string?>("--out", "-o") { Description = "The folder to write into (created); for ftm the file (standard output without it); for stix the bundle's file." };
        var command = new Command("export", "Export the knowledge base, as the operator sees it (every marking and status).") { format, outDir };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
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
        }));
        return command;
    }

    private static async Task AuditedAsync(TextWriter output, ExportSummary export)
    {
        if (ExportAudit.IsAudited(export.Highest))
        {
            await output.WriteLineAsync($"The export holds records marked up to {export.Highest.ToLabel()}: it was recorded in the audit log. Share it only as its markings allow.");
        }
    }
}
