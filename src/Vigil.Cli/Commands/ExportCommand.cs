using System.CommandLine;
using Vigil.Features.Export;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil export --format vigil|csv --out DIR</c>.</summary>
internal static class ExportCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var format = new Option<string>("--format", "-f") { Description = "vigil (the data layout, re-importable) or csv.", DefaultValueFactory = _ => "vigil" };
        format.AcceptOnlyFromAmong("vigil", "csv");
        var outDir = new Option<string>("--out", "-o") { Description = "The folder to write into (created).", Required = true };
        var command = new Command("export", "Export the knowledge base, as the operator sees it (every marking and status).") { format, outDir };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, error, async services =>
        {
            await CliHost.MigrateAsync(services);
            var folder = Path.GetFullPath(parse.GetValue(outDir)!);
            if (parse.GetValue(format) == "csv")
            {
                var counts = await Progress.ShowAsync(output, "Exporting CSV…", () => services.GetRequiredService<ExportCsvHandler>().HandleAsync(folder, ct));
                await output.WriteLineAsync($"Wrote {string.Join(", ", counts.Select(c => $"{c.Key} ({c.Value} rows)"))} to {folder}");
            }
            else
            {
                var files = await Progress.ShowAsync(output, "Exporting…", () => services.GetRequiredService<ExportVigilDataHandler>().HandleAsync(folder, ct));
                await output.WriteLineAsync($"Wrote {files} files to {folder}");
            }
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }
}
