using Vigil.Model;

namespace Vigil.Features.Briefs;

/// <summary>The kinds of brief Vigil writes for government readers.</summary>
public static class BriefKinds
{
    public const string Country = "country";
    public const string Vendor = "vendor";
    public const string StateGaps = "state-gaps";
    public const string VendorGaps = "vendor-gaps";
    public const string Scorecard = "scorecard";

    public static IReadOnlyList<string> All { get; } = [Country, Vendor, StateGaps, VendorGaps, Scorecard];
}

/// <summary>A source a brief's claims rest on, numbered in the order the brief first cites it.</summary>
public sealed record BriefFootnote(int Number, string SourceSlug, string Title, string? Publisher, string? Url, string? Date, Marking Marking);

/// <summary>
/// One claim of a brief: its text, the footnotes of its sources, and the highest marking among the records
/// it rests on (so the brief's banner can be the highest of its lines).
/// </summary>
public sealed record BriefLine(string Text, IReadOnlyList<int> Notes, Marking Marking, string? Link = null, IReadOnlyList<string>? Details = null);

/// <summary>
/// A section of a brief: a heading, an optional lead sentence, its lines, and what to say when it has none.
/// A due-diligence report's sections are its factors, each with a plain <see cref="Verdict"/> written from its lines.
/// </summary>
public sealed record BriefSection(string Id, string Heading, IReadOnlyList<BriefLine> Lines, string Empty, string? Lead = null, string? Verdict = null);

/// <summary>
/// A brief, ready to render as a page or print as a PDF: every claim a <see cref="BriefLine"/> with its
/// footnotes, a plain-language summary written from the same data, the "as of" date, the data version
/// (the newest revision the graph holds) and the TLP marking of the most restricted record it contains.
/// Everything in it was read through <see cref="Data.VigilDb"/> as <see cref="ReaderName"/>.
/// </summary>
public sealed record BriefDocument(
    string Kind, string Subject, string Title, string Subtitle, DateOnly AsOf, long DataVersion, string ReaderName, Marking ReaderClearance,
    IReadOnlyList<string> Summary, IReadOnlyList<BriefSection> Sections, IReadOnlyList<BriefFootnote> Footnotes, string Kicker = "Vigil brief")
{
    /// <summary>The highest marking among the lines, the summary's basis and the sources cited: the banner.</summary>
    public Marking Marking =>
        Sections.SelectMany(s => s.Lines).Select(l => l.Marking).Concat(Footnotes.Select(f => f.Marking)).DefaultIfEmpty(Marking.Clear).Max();

    /// <summary>The file name a download of this brief gets (without extension).</summary>
    public string FileName => $"vigil-{Kind}-{Subject}-{AsOf:yyyy-MM-dd}";
}

/// <summary>A brief as plain text (the CLI's <c>--format text</c>, closing notes, e-mail).</summary>
public static class BriefPlainText
{
    public static string Write(BriefDocument doc)
    {
        var sb = new System.Text.StringBuilder();
        var tlp = "TLP:" + doc.Marking.ToLabel();
        sb.Append(tlp).Append('\n').Append(doc.Title).Append('\n').Append(doc.Subtitle).Append('\n')
            .Append($"As of {doc.AsOf:yyyy-MM-dd}; data version r{doc.DataVersion}; {BriefHtml.ReaderRule(doc)}\n\nSummary\n");
        foreach (var s in doc.Summary)
        {
            sb.Append("  ").Append(s).Append('\n');
        }
        foreach (var section in doc.Sections)
        {
            sb.Append('\n').Append(section.Heading).Append('\n');
            if (section.Verdict is not null)
            {
                sb.Append("  Verdict: ").Append(section.Verdict).Append('\n');
            }
            if (section.Lead is not null)
            {
                sb.Append("  (").Append(section.Lead).Append(")\n");
            }
            if (section.Lines.Count == 0)
            {
                sb.Append("  ").Append(section.Empty).Append('\n');
            }
            foreach (var line in section.Lines)
            {
                sb.Append("  - ").Append(line.Marking > Marking.Clear ? $"[TLP:{line.Marking.ToLabel()}] " : "").Append(line.Text)
                    .Append(line.Notes.Count > 0 ? " [" + string.Join(",", line.Notes) + "]" : "").Append('\n');
                foreach (var d in line.Details ?? [])
                {
                    sb.Append("      ").Append(d).Append('\n');
                }
            }
        }
        sb.Append("\nSources\n");
        foreach (var f in doc.Footnotes)
        {
            sb.Append($"  [{f.Number}] {f.Title}.{(f.Publisher is null ? "" : " " + f.Publisher + ".")} {f.Url}".TrimEnd()).Append('\n');
        }
        return sb.Append(tlp).Append('\n').ToString();
    }
}
