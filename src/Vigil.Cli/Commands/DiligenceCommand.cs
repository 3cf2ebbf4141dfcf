using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vigil.Access;
using Vigil.Features.Briefs;
using Vigil.Features.Diligence;
using Vigil.Model;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil diligence customer|vendor SLUG [--format text|json|html|pdf] [--out FILE] [--clearance TLP]</c>:
/// a due-diligence report, as the web serves it, read as a reader of the given clearance (published records
/// only; default CLEAR, the public's view), so that a report handed on never holds more than its marking says.
/// </summary>
internal static class DiligenceCommand
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build(CliConsole console)
    {
        var command = new Command("diligence", "Write a due-diligence report on a prospective customer (state or public body) or vendor, as text, JSON, HTML or PDF.");
        command.Subcommands.Add(Kind(console, DiligenceKinds.Customer, "Know Your Customer: a state or public body (e.g. poland)."));
        command.Subcommands.Add(Kind(console, DiligenceKinds.Vendor, "Vet a vendor: a company, person or organisation (e.g. intellexa-sa)."));
        return command;
    }

    private static Command Kind(CliConsole console, string kind, string help)
    {
        var subject = new Argument<string>("subject") { Description = "The slug of the state, public body, company, person or organisation." };
        var format = new Option<string>("--format") { Description = "text, json, html or pdf.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "html", "pdf");
        var output = new Option<string?>("--out") { Description = "Write to this file (required for pdf); else standard output." };
        var clearance = new Option<string>("--clearance") { Description = "Read as a reader cleared up to this TLP marking (CLEAR, GREEN, AMBER, AMBER+STRICT, RED).", DefaultValueFactory = _ => "CLEAR" };
        var command = new Command(kind, help) { subject, format, output, clearance };
        command.SetAction(async (parse, ct) =>
        {
            if (!Markings.TryParse(parse.GetValue(clearance), out var marking))
            {
                await console.Error.WriteLineAsync($"--clearance: unknown marking '{parse.GetValue(clearance)}' (CLEAR, GREEN, AMBER, AMBER+STRICT, RED).");
                return VigilCommand.ExitCodes.Usage;
            }
            var fmt = parse.GetValue(format)!;
            var file = parse.GetValue(output);
            if (fmt == "pdf" && file is null)
            {
                await console.Error.WriteLineAsync("--out FILE is required for --format pdf.");
                return VigilCommand.ExitCodes.Usage;
            }
            var reader = new Reader($"cli:{Environment.UserName} (TLP:{marking.ToLabel()})", marking, SeesUnpublished: false, CanEdit: false);
            return await CliHost.RunAsync(parse, console, async services =>
            {
                await CliHost.MigrateAsync(services);
                var slug = parse.GetValue(subject)!;
                var report = await services.GetRequiredService<GetDiligenceHandler>().HandleAsync(kind, slug, ct);
                if (report is null)
                {
                    var what = kind == DiligenceKinds.Customer ? "state or public body" : "company, person or organisation";
                    await console.Error.WriteLineAsync($"No {what} '{slug}' that a TLP:{marking.ToLabel()} reader may see.");
                    return VigilCommand.ExitCodes.InvalidInput;
                }
                byte[] bytes;
                try
                {
                    bytes = fmt switch
                    {
                        "pdf" => await services.GetRequiredService<PrintBriefHandler>().HandleAsync(report, ct),
                        "html" => Encoding.UTF8.GetBytes(BriefHtml.Document(report)),
                        "json" => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(DiligenceReport.From(report), s_json) + "\n"),
                        _ => Encoding.UTF8.GetBytes(BriefPlainText.Write(report)),
                    };
                }
                catch (BriefPrintException e)
                {
                    await console.Error.WriteLineAsync(e.Message);
                    return VigilCommand.ExitCodes.Configuration;
                }
                if (file is null)
                {
                    await console.Output.WriteAsync(Encoding.UTF8.GetString(bytes));
                }
                else
                {
                    await File.WriteAllBytesAsync(file, bytes, ct);
                    await console.Output.WriteLineAsync($"{report.Title} ({"TLP:" + report.Marking.ToLabel()}, {report.Footnotes.Count} sources) written to {file}.");
                }
                return VigilCommand.ExitCodes.Ok;
            }, reader);
        });
        return command;
    }
}
