using System.CommandLine;
using Vigil.Features.Briefs;

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

    // "gaps" takes a state or a vendor: the state's report when the slug is a state, else the vendor's.
    private static Command Kind(CliConsole console, string kind, string help) =>
        BriefDocumentCommand.Build(console, kind, help, "The slug of the state, vendor or framework series.",
            async (services, slug, ct) =>
            {
                var briefs = services.GetRequiredService<GetBriefHandler>();
                return kind == "gaps"
                    ? await briefs.HandleAsync(BriefKinds.StateGaps, slug, ct) ?? await briefs.HandleAsync(BriefKinds.VendorGaps, slug, ct)
                    : await briefs.HandleAsync(kind, slug, ct);
            },
            (slug, marking) => $"No {kind} '{slug}' that a TLP:{marking} reader may see.");
}
