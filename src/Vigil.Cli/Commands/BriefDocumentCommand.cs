using System.CommandLine;
using System.Text;
using Vigil.Access;
using Vigil.Features.Briefs;
using Vigil.Model;

namespace Vigil.Cli.Commands;

/// <summary>
/// One subcommand that writes a document of the briefs' model (a brief, a due-diligence report):
/// <c>SUBJECT [--format …] [--out FILE] [--clearance TLP]</c>, read as a reader of that clearance (published
/// records only; default CLEAR, the public's view) rather than as the operator, so that a document handed on
/// never holds more than its marking says. The brief and diligence commands differ only in what they load.
/// </summary>
internal static class BriefDocumentCommand
{
    /// <summary>What a subcommand loads: the document for a slug, or null when the reader may see no such subject.</summary>
    public delegate Task<BriefDocument?> Load(IServiceProvider services, string slug, CancellationToken ct);

    /// <summary>
    /// The subcommand <paramref name="name"/>. <c>notFound</c> words the error for a slug that names nothing
    /// the reader may see (given the slug and the clearance's label); <c>json</c>, when given, adds
    /// <c>--format json</c>.
    /// </summary>
    public static Command Build(
        CliConsole console, string name, string help, string subjectHelp, Load load, Func<string, string, string> notFound,
        Func<BriefDocument, string>? json = null)
    {
        var formats = json is null ? new[] { "text", "html", "pdf" } : ["text", "json", "html", "pdf"];
        var subject = new Argument<string>("subject") { Description = subjectHelp };
        var format = new Option<string>("--format") { Description = string.Join(", ", formats[..^1]) + " or pdf.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(formats);
        var output = new Option<string?>("--out") { Description = "Write to this file (required for pdf); else standard output." };
        var clearance = new Option<string>("--clearance") { Description = "Read as a reader cleared up to this TLP marking (CLEAR, GREEN, AMBER, AMBER+STRICT, RED).", DefaultValueFactory = _ => "CLEAR" };
        var command = new Command(name, help) { subject, format, output, clearance };
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
                if (await load(services, slug, ct) is not { } document)
                {
                    await console.Error.WriteLineAsync(notFound(slug, marking.ToLabel()));
                    return VigilCommand.ExitCodes.InvalidInput;
                }
                byte[] bytes;
                try
                {
                    bytes = fmt switch
                    {
                        "pdf" => await services.GetRequiredService<PrintBriefHandler>().HandleAsync(document, ct),
                        "html" => Encoding.UTF8.GetBytes(BriefHtml.Document(document)),
                        "json" => Encoding.UTF8.GetBytes(json!(document) + "\n"),
                        _ => Encoding.UTF8.GetBytes(BriefPlainText.Write(document)),
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
                    await console.Output.WriteLineAsync($"{document.Title} (TLP:{document.Marking.ToLabel()}, {document.Footnotes.Count} sources) written to {file}.");
                }
                return VigilCommand.ExitCodes.Ok;
            }, reader);
        });
        return command;
    }
}
