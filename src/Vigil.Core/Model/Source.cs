namespace Vigil.Model;

/// <summary>What kind of document a source is.</summary>
public enum SourceKind
{
    Report = 1,
    CourtFiling = 2,
    GovernmentNotice = 3,
    Article = 4,
    Dataset = 5,
    Other = 9,
}

/// <summary>
/// How close a source stands to what it evidences: primary (the record itself: a court record, a
/// Federal Register notice, a government statement, a lab's forensic report), secondary (press and
/// analysis reporting it), tertiary (aggregators, forums, wikis, rewrites). Stored as numbers: never renumber.
/// </summary>
public enum EvidenceKind
{
    Primary = 1,
    Secondary = 2,
    Tertiary = 3,
}

/// <summary>
/// A document that evidence comes from. <see cref="Reliability"/> is the Admiralty source grade:
/// A completely reliable, B usually reliable, C fairly reliable, D not usually reliable,
/// E unreliable, F reliability cannot be judged.
/// </summary>
public sealed class Source : Record
{
    public string Title { get; set; } = "";

    /// <summary>
    /// True when <see cref="Title"/> is the document's own headline, read on the document; false when
    /// it is a stand-in nobody checked, which is never shown as if it were the headline (<see cref="DisplayTitle"/>).
    /// </summary>
    public bool TitleVerified { get; set; }

    /// <summary>Primary, secondary or tertiary evidence.</summary>
    public EvidenceKind Evidence { get; set; } = EvidenceKind.Secondary;

    public string? Publisher { get; set; }

    public string? Url { get; set; }

    public SourceKind SourceKind { get; set; } = SourceKind.Article;

    /// <summary>Publication date, partial (YYYY, YYYY-MM, YYYY-MM-DD).</summary>
    public string? PublishedDate { get; set; }

    /// <summary>When the document was read, YYYY-MM-DD.</summary>
    public string? AccessedDate { get; set; }

    /// <summary>SHA-256 of the archived document, hex, where one was archived.</summary>
    public string? ContentHash { get; set; }

    /// <summary>Admiralty reliability grade, A–F.</summary>
    public char Reliability { get; set; } = 'F';

    public List<Citation> Citations { get; set; } = [];

    public override RecordKind Kind => RecordKind.Source;

    public override string Label => DisplayTitle(Title, TitleVerified, Publisher, Url);

    /// <summary>True when nothing better than tertiary or link-less evidence stands behind a citation of this source.</summary>
    public bool IsWeak => IsWeakEvidence(Evidence, Url);

    /// <summary>A source that cannot carry a record alone: tertiary, or with no address to check it at.</summary>
    public static bool IsWeakEvidence(EvidenceKind evidence, string? url) => evidence == EvidenceKind.Tertiary || string.IsNullOrWhiteSpace(url);

    /// <summary>
    /// What a reader is shown as a source's title: its headline when verified; otherwise the publisher
    /// and the page's address ("UPI — upi.com/Top_News/…"), never words made up from the address. A source
    /// without an address keeps its descriptive title, marked as not a headline.
    /// </summary>
    public static string DisplayTitle(string title, bool verified, string? publisher, string? url)
    {
        if (verified)
        {
            return title;
        }
        if (string.IsNullOrWhiteSpace(url))
        {
            return $"{title} [title not verified]";
        }
        var address = Address(url);
        var host = address.Split('/')[0];
        return string.IsNullOrWhiteSpace(publisher) || host.Equals(publisher.Trim(), StringComparison.OrdinalIgnoreCase)
            ? address
            : $"{publisher} — {address}";
    }

    /// <summary>A page's address without scheme and "www.", shortened past 80 characters.</summary>
    public static string Address(string url)
    {
        var text = url.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text[(scheme + 3)..];
        }
        if (text.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..];
        }
        var query = text.IndexOf('?', StringComparison.Ordinal);
        if (query > 0 && text.IndexOf('/', StringComparison.Ordinal) is var slash && slash > 0 && slash < query && text[(slash + 1)..query].Length > 0)
        {
            text = text[..query];
        }
        text = text.TrimEnd('/');
        return text.Length > 80 ? text[..79] + "…" : text;
    }

    /// <summary>Admiralty reliability grades.</summary>
    public static readonly string ReliabilityGrades = "ABCDEF";
}

/// <summary>Spellings of <see cref="SourceKind"/> ("court-filing") and <see cref="EvidenceKind"/> ("primary").</summary>
public static class SourceKinds
{
    public static string ToLabel(this EvidenceKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParseEvidence(string? text, out EvidenceKind kind) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _);

    public static string ToLabel(this SourceKind kind) => kind switch
    {
        SourceKind.CourtFiling => "court-filing",
        SourceKind.GovernmentNotice => "government-notice",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? text, out SourceKind kind)
    {
        foreach (var k in Enum.GetValues<SourceKind>())
        {
            if (k.ToLabel() == text?.Trim().ToLowerInvariant())
            {
                kind = k;
                return true;
            }
        }
        kind = SourceKind.Other;
        return false;
    }
}

/// <summary>
/// The archived copy of a source (a PDF or an HTML page, as it was when read), kept so that the evidence
/// survives the page's removal: its bytes, its SHA-256 (also the source's <see cref="Source.ContentHash"/>)
/// and size. It is read only through its source, under the source's access rule.
/// </summary>
public sealed class SourceArchive
{
    public long Id { get; set; }

    public long SourceId { get; set; }

    public Source? Source { get; set; }

    /// <summary>The file's name as uploaded (no path), for the download.</summary>
    public string FileName { get; set; } = "";

    /// <summary>application/pdf or text/html, checked against the file's first bytes.</summary>
    public string MediaType { get; set; } = "";

    public long Size { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/>, lowercase hex.</summary>
    public string Sha256 { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public DateTime StoredAt { get; set; }

    public string StoredBy { get; set; } = "";
}
