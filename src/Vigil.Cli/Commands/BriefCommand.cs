using System.CommandLine;
using System.Text;
using Vigil.Access;
using Vigil.Features.Briefs;
using Vigil.Model;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil brief country|vendor|gaps|state-gaps|vendor-gaps|scorecard SUBJECT [--format text|html|pdf] [--out FILE] [--clearance TLP]</c>:
/// a brief, as the web serves it, read as a reader of the given clearance (published records only; default
/// CLEAR, the public's view) rather than as the operator, so that a brief handed on never holds more than
/// its marking says.
/// </summary>
internal static class BriefCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("brief", "Write a brief for government readers (country brief, vendor dossier, gap report, quarterly scorecard) as text, HTML or PDF.");
        foreach (var (name, help) in new[]
        {
            (BriefKinds.Country, "A state's country brief (e.g. united-kingdom)."),
            (BriefKinds.Vendor, "A vendor's dossier (e.g. intellexa-sa)."),
            ("gaps", "A gap report for a state or a vendor."),
            (BriefKinds.StateGaps, "A state's gap report."),
            (BriefKinds.VendorGaps, "A vendor's gap report."),
            (BriefKinds.Scorecard, "The quarterly scorecard report of a framework series (e.g. pall-mall-code)."),
        })
        {
            command.Subcommands.Add(Kind(console, name, help));
        }
        return command;
    }

    private static Command Kind(CliConsole console, string kind, string help)
    {
        var subject = new Argument<string>("subject") { Description = "The slug of the state, vendor or framework series." };
        var format = new Option<string>("--format") { Description = "text, html or pdf.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "html", "pdf");
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
                var briefs = services.GetRequiredService<GetBriefHandler>();
                var slug = parse.GetValue(subject)!;
                var brief = kind == "gaps"
                    ? await briefs.HandleAsync(BriefKinds.StateGaps, slug, ct) ?? await briefs.HandleAsync(BriefKinds.VendorGaps, slug, ct)
                    : await briefs.HandleAsync(kind, slug, ct);
                if (brief is null)
                {
                    await console.Error.WriteLineAsync($"No {kind} '{slug}' that a TLP:{marking.ToLabel()} reader may see.");
                    return VigilCommand.ExitCodes.InvalidInput;
                }
                byte[] bytes;
                try
                {
                    bytes = fmt switch
                    {
                        "pdf" => await services.GetRequiredService<PrintBriefHandler>().HandleAsync(brief, ct),
                        "html" => Encoding.UTF8.GetBytes(BriefHtml.Document(brief)),
                        _ => Encoding.UTF8.GetBytes(BriefPlainText.Write(brief)),
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
                    await console.Output.WriteLineAsync($"{brief.Title} ({"TLP:" + brief.Marking.ToLabel()}, {brief.Footnotes.Count} sources) written to {file}.");
                }
                return VigilCommand.ExitCodes.Ok;
            }, reader);
        });
        return command;
    }
}
