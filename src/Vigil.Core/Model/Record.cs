namespace Vigil.Model;

/// <summary>The kinds of record in the knowledge graph. Stored as numbers: never renumber.</summary>
public enum RecordKind
{
    Actor = 1,
    Product = 2,
    Relationship = 3,
    Source = 4,
    Citation = 5,
    Incident = 6,
    Target = 7,
    Measure = 8,
    Framework = 9,
    Commitment = 10,
    Endorsement = 11,
    Assessment = 12,
    NationalReport = 13,
    ReplyRequest = 14,
    Indicator = 15,
}

/// <summary>
/// What every record in the graph carries: identity, a human slug, a marking, a review status,
/// authorship, timestamps and a concurrency version. Audit fields and the version are set by
/// <see cref="Data.VigilDb"/> on save, never by handlers, so they cannot be forgotten.
/// </summary>
public abstract class Record
{
    /// <summary>Database key. Internal: URLs and data files use <see cref="Slug"/>.</summary>
    public long Id { get; set; }

    /// <summary>Stable, human-readable key, unique within the record kind.</summary>
    public string Slug { get; set; } = "";

    public Marking Marking { get; set; } = Marking.Clear;

    public ReviewStatus Status { get; set; } = ReviewStatus.Draft;

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";

    /// <summary>Optimistic concurrency version, incremented on every saved change.</summary>
    public int Version { get; set; }

    /// <summary>The kind of record, for revisions, search and citations.</summary>
    public abstract RecordKind Kind { get; }

    /// <summary>A short human label for lists and history.</summary>
    public abstract string Label { get; }
}

/// <summary>A row that belongs to a record (an alias, an identifier); its changes are revisions of the owner.</summary>
public interface IOwnedByRecord
{
    /// <summary>The owning record, when loaded.</summary>
    Record? Owner { get; }

    /// <summary>The field of the owner this row is part of, e.g. "aliases".</summary>
    string OwnerField { get; }

    /// <summary>The row as a short text for the revision's old/new value.</summary>
    string Describe();
}
