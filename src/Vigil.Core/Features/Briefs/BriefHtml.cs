using System.Globalization;
using System.Net;
using System.Text;
using Vigil.Model;

namespace Vigil.Features.Briefs;

/// <summary>
/// A brief as HTML: one fragment, shown inside the site's page and printed (as a standalone document with
/// its print styles) to PDF, so that the page and the PDF cannot say different things. Everything is
/// encoded; nothing but the brief's own data goes in.
/// </summary>
public static class BriefHtml
{
    /// <summary>The brief's article, for the web page (links to the records are kept).</summary>
    public static string Fragment(BriefDocument doc) => Write(doc, links: true);

    /// <summary>A standalone HTML document with print styles: what the PDF is printed from.</summary>
    public static string Document(BriefDocument doc)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(doc.Title)).Append("</title>\n<style>")
            .Append(PrintCss).Append("</style></head><body>\n").Append(Write(doc, links: false)).Append("</body></html>\n");
        return sb.ToString();
    }

    /// <summary>What a reader's clearance lets the brief contain, in words.</summary>
    public static string ReaderRule(BriefDocument doc) => doc.ReaderClearance == Marking.Clear
        ? "Published records marked TLP:CLEAR only (the public's view)."
        : $"Records up to TLP:{doc.ReaderClearance.ToLabel()} that the reader ({doc.ReaderName}) may see; nothing above that clearance.";

    private static string Write(BriefDocument doc, bool links)
    {
        var marking = doc.Marking;
        var tlp = "TLP:" + marking.ToLabel();
        var css = "tlp-" + marking.ToLabel().ToLowerInvariant().Replace('+', '-');
        var sb = new StringBuilder();
        sb.Append("<article class=\"brief brief-").Append(E(doc.Kind)).Append("\" data-marking=\"").Append(E(marking.ToLabel())).Append("\">\n");
        Banner(sb, tlp, css);
        sb.Append("<header class=\"brief-header\"><p class=\"kicker\">").Append(E(doc.Kicker)).Append("</p><h1>").Append(E(doc.Title)).Append("</h1>\n<p class=\"brief-subtitle\">")
            .Append(E(doc.Subtitle)).Append("</p>\n<dl class=\"brief-meta\"><dt>As of</dt><dd><time datetime=\"").Append(doc.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append("\">").Append(doc.AsOf.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)).Append("</time></dd><dt>Data version</dt><dd>r")
            .Append(doc.DataVersion.ToString(CultureInfo.InvariantCulture)).Append("</dd><dt>Marking</dt><dd>").Append(E(tlp))
            .Append(" (the highest marking of what it contains)</dd><dt>Access</dt><dd>").Append(E(ReaderRule(doc))).Append("</dd></dl></header>\n");
        sb.Append("<section class=\"brief-summary\" aria-labelledby=\"brief-summary\"><h2 id=\"brief-summary\">Summary</h2>\n");
        foreach (var s in doc.Summary)
        {
            sb.Append("<p>").Append(E(s)).Append("</p>\n");
        }
        sb.Append("</section>\n");
        foreach (var section in doc.Sections)
        {
            var id = "brief-" + section.Id;
            sb.Append("<section class=\"brief-section\" aria-labelledby=\"").Append(E(id)).Append("\"><h2 id=\"").Append(E(id)).Append("\">").Append(E(section.Heading)).Append("</h2>\n");
            if (section.Verdict is not null)
            {
                sb.Append("<p class=\"brief-verdict\"><strong>Verdict:</strong> ").Append(E(section.Verdict)).Append("</p>\n");
            }
            if (section.Lead is not null)
            {
                sb.Append("<p class=\"brief-lead\">").Append(E(section.Lead)).Append("</p>\n");
            }
            if (section.Lines.Count == 0)
            {
                sb.Append("<p class=\"empty\">").Append(E(section.Empty)).Append("</p>\n");
            }
            else
            {
                sb.Append("<ul class=\"brief-lines\">\n");
                foreach (var line in section.Lines)
                {
                    sb.Append("<li");
                    if (line.Marking > Marking.Clear)
                    {
                        sb.Append(" data-marking=\"").Append(E(line.Marking.ToLabel())).Append('"');
                    }
                    sb.Append('>');
                    if (line.Marking > Marking.Clear)
                    {
                        sb.Append("<span class=\"brief-line-marking\">[TLP:").Append(E(line.Marking.ToLabel())).Append("]</span> ");
                    }
                    sb.Append(links && line.Link is not null ? $"<a href=\"{E(line.Link)}\">{E(line.Text)}</a>" : E(line.Text));
                    foreach (var n in line.Notes)
                    {
                        sb.Append("<sup class=\"brief-ref\"><a href=\"#fn-").Append(n).Append("\" aria-label=\"source ").Append(n).Append("\">").Append(n).Append("</a></sup>");
                    }
                    if (line.Details is { Count: > 0 } details)
                    {
                        sb.Append("<ul class=\"brief-details\">");
                        foreach (var d in details)
                        {
                            sb.Append("<li>").Append(E(d)).Append("</li>");
                        }
                        sb.Append("</ul>");
                    }
                    sb.Append("</li>\n");
                }
                sb.Append("</ul>\n");
            }
            sb.Append("</section>\n");
        }
        sb.Append("<section class=\"brief-notes\" aria-labelledby=\"brief-sources\"><h2 id=\"brief-sources\">Sources</h2>\n");
        if (doc.Footnotes.Count == 0)
        {
            sb.Append("<p class=\"empty\">No source is cited.</p>\n");
        }
        else
        {
            sb.Append("<ol>\n");
            foreach (var f in doc.Footnotes)
            {
                sb.Append("<li id=\"fn-").Append(f.Number).Append("\" value=\"").Append(f.Number).Append("\">").Append(E(f.Title)).Append('.');
                if (f.Publisher is not null || f.Date is not null)
                {
                    sb.Append(' ').Append(E(string.Join(", ", new[] { f.Publisher, f.Date }.Where(x => x is not null)))).Append('.');
                }
                if (f.Url is not null)
                {
                    sb.Append(" <a class=\"brief-url\" href=\"").Append(E(f.Url)).Append("\" rel=\"noopener noreferrer external\">").Append(E(f.Url)).Append("</a>");
                }
                if (links)
                {
                    sb.Append(" <a class=\"brief-source\" href=\"/sources/").Append(E(f.SourceSlug)).Append("\">(in Vigil)</a>");
                }
                sb.Append("</li>\n");
            }
            sb.Append("</ol>\n");
        }
        sb.Append("</section>\n");
        Banner(sb, tlp, css);
        sb.Append("</article>\n");
        return sb.ToString();
    }

    private static void Banner(StringBuilder sb, string tlp, string css) =>
        sb.Append("<p class=\"tlp-banner ").Append(css).Append("\" role=\"note\">").Append(E(tlp)).Append("</p>\n");

    private static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>The print styles of the standalone document (A4, TLP colours of FIRST's TLP 2.0).</summary>
    public const string PrintCss = """
        @page { size: A4; margin: 18mm 16mm; }
        body { font: 10.5pt/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; margin: 0; }
        h1 { font-size: 18pt; margin: .2em 0; } h2 { font-size: 12.5pt; margin: 1.2em 0 .4em; border-bottom: 1px solid #999; break-after: avoid; }
        .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 8.5pt; color: #555; margin: 0; }
        .brief-subtitle { color: #333; margin: 0 0 .6em; }
        .brief-meta { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; font-size: 9pt; margin: 0; }
        .brief-meta dt { font-weight: bold; } .brief-meta dd { margin: 0; }
        .brief-verdict { margin: .2em 0 .4em; padding: .2em .6em; border-left: 3px solid #333; }
        .brief-summary { background: #f3f3f3; padding: .2em .8em; border-left: 4px solid #333; }
        .brief-lines { padding-left: 1.2em; } .brief-lines li { margin: .25em 0; break-inside: avoid; }
        .brief-details { font-size: 9pt; color: #333; }
        .brief-ref { font-size: 7pt; margin-left: 1px; } .brief-ref a { color: #114; text-decoration: none; }
        .brief-line-marking { font-weight: bold; font-size: 8.5pt; }
        .brief-notes { font-size: 8.5pt; } .brief-notes li { margin: .2em 0; word-break: break-all; }
        .brief-url { color: #114; }
        .empty { color: #555; font-style: italic; }
        .tlp-banner { font: bold 10pt monospace; padding: .2em .6em; display: inline-block; background: #000; color: #fff; margin: 0 0 .6em; }
        .tlp-green { color: #33ff00; } .tlp-amber, .tlp-amber-strict { color: #ffc000; } .tlp-red { color: #ff2b2b; }
        a { color: inherit; }
        """;
}
