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
/// A document that evidence comes from. <see cref="Reliability"/> is the Admiralty source grade:
/// A completely reliable, B usually reliable, C fairly reliable, D not usually reliable,
/// E unreliable, F reliability cannot be judged.
/// </summary>
public sealed class Source : Record
{
    public string Title { get; set; } = "";

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

    public override string Label => Title;

    /// <summary>Admiralty reliability grades.</summary>
    public static readonly string ReliabilityGrades = "ABCDEF";
}

/// <summary>Spellings of <see cref="SourceKind"/> ("court-filing").</summary>
public static class SourceKinds
{
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
