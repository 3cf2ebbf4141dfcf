using Vigil.Features.Briefs;
using Vigil.Model;

namespace Vigil.Features.Diligence;

/// <summary>
/// The two due-diligence reports: a prospective <see cref="Customer"/> (a state or public body a vendor would
/// sell to: Know Your Customer) and a prospective <see cref="Vendor"/> (a company a procurer would buy from:
/// the Pall Mall Code's "vet vendors before acquiring").
/// </summary>
public static class DiligenceKinds
{
    public const string Customer = "customer";
    public const string Vendor = "vendor";

    public static IReadOnlyList<string> All { get; } = [Customer, Vendor];

    /// <summary>The report a reader would want on an actor of this kind: a state or public body is a customer, anyone else a vendor.</summary>
    public static string For(ActorKind kind) => kind is ActorKind.State or ActorKind.PublicBody ? Customer : Vendor;

    /// <summary>The same, for a FollowTheMoney schema as screening answers it ("PublicBody" is a customer).</summary>
    public static string ForSchema(string schema) => schema == "PublicBody" ? Customer : Vendor;

    /// <summary>The page of a report.</summary>
    public static string Path(string kind, string slug) => $"/diligence/{kind}/{Uri.EscapeDataString(slug)}";

    /// <summary>The kinds of actor a type-ahead offers for a report of this kind (<c>GET /api/v1/lookup?kind=</c>).</summary>
    public static string LookupKinds(string kind) => kind == Customer ? "state,public-body" : "company,person,organisation";

    /// <summary>"2024-03-05, now in force" / "now lifted": a measure's date and where it stands.</summary>
    internal static string Stage(MeasureStage stage, string? since) =>
        (since is null ? "now " : since + ", now ") + stage.ToLabel().Replace('-', ' ');

    /// <summary>A title as the end of a sentence (no doubled full stop).</summary>
    internal static string Sentence(string text) => text.TrimEnd().TrimEnd('.') + ".";

    /// <summary>"a, b and c", or "a, b, c and 5 more" past <paramref name="max"/>.</summary>
    internal static string Some(IReadOnlyList<string> items, int max) =>
        items.Count <= max ? BriefText.List(items) : string.Join(", ", items.Take(max)) + $" and {items.Count - max} more";
}

/// <summary>
/// A due-diligence report by kind and subject slug: what the page, the API and the CLI call. A report is a
/// <see cref="BriefDocument"/> (the briefs' footnoted model, HTML, PDF and TLP banner) whose sections are the
/// factors, each with its evidence lines and a plain verdict; there is no score. Null when the reader may
/// see no such subject (or it is not of the report's kind).
/// </summary>
public sealed class GetDiligenceHandler(CustomerDiligenceHandler customer, VendorDiligenceHandler vendor)
{
    public Task<BriefDocument?> HandleAsync(string kind, string subject, CancellationToken ct = default) => kind switch
    {
        DiligenceKinds.Customer => customer.HandleAsync(subject, ct),
        DiligenceKinds.Vendor => vendor.HandleAsync(subject, ct),
        _ => Task.FromResult<BriefDocument?>(null),
    };
}

/// <summary>One piece of evidence of a factor, as JSON: the claim, its footnoted sources, its marking, its record.</summary>
public sealed record DiligenceEvidence(string Text, IReadOnlyList<int> Sources, string Marking, string? Link, IReadOnlyList<string> Details);

/// <summary>One factor of a report, as JSON: what was checked, the verdict in words, and the evidence under it.</summary>
public sealed record DiligenceFactor(string Id, string Factor, string? Verdict, string? Note, IReadOnlyList<DiligenceEvidence> Evidence);

/// <summary>A source a report cites, numbered as its evidence cites it.</summary>
public sealed record DiligenceSource(int Number, string Slug, string Title, string? Publisher, string? Url, string? Date, string Marking);

/// <summary>
/// A due-diligence report as the API and <c>vigil diligence --format json</c> give it: the same document as
/// the page, with its marking (the highest of what it contains), as-of date, data version and the reader's
/// access rule in words.
/// </summary>
public sealed record DiligenceReport(
    string Kind, string Subject, string Title, string Subtitle, string Marking, string AsOf, long DataVersion, string AccessRule,
    IReadOnlyList<string> Summary, IReadOnlyList<DiligenceFactor> Factors, IReadOnlyList<DiligenceSource> Sources)
{
    public static DiligenceReport From(BriefDocument doc) => new(
        doc.Kind.Replace("diligence-", "", StringComparison.Ordinal), doc.Subject, doc.Title, doc.Subtitle, doc.Marking.ToLabel(),
        doc.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), doc.DataVersion, BriefHtml.ReaderRule(doc),
        doc.Summary,
        doc.Sections.Select(s => new DiligenceFactor(s.Id, s.Heading, s.Verdict, s.Lead,
            s.Lines.Select(l => new DiligenceEvidence(l.Text, l.Notes, l.Marking.ToLabel(), l.Link, l.Details ?? [])).ToList())).ToList(),
        doc.Footnotes.Select(f => new DiligenceSource(f.Number, f.SourceSlug, f.Title, f.Publisher, f.Url, f.Date, f.Marking.ToLabel())).ToList());
}
