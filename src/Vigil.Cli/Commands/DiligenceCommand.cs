using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vigil.Features.Diligence;

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

    private static Command Kind(CliConsole console, string kind, string help) =>
        BriefDocumentCommand.Build(console, kind, help, "The slug of the state, public body, company, person or organisation.",
            (services, slug, ct) => services.GetRequiredService<GetDiligenceHandler>().HandleAsync(kind, slug, ct),
            (slug, marking) => $"No {(kind == DiligenceKinds.Customer ? "state or public body" : "company, person or organisation")} '{slug}' that a TLP:{marking} reader may see.",
            report => JsonSerializer.Serialize(DiligenceReport.From(report), s_json));
}
