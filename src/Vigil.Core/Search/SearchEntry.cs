using Vigil.Model;

namespace Vigil.Search;

/// <summary>
/// The text of one record as the full-text index sees it. Kept by <see cref="SearchIndexer"/> on
/// every save; indexed by FTS5 on SQLite and by a generated tsvector on PostgreSQL. Entries carry no
/// access information: a search hit is only a candidate id, joined back through the filtered record
/// sets, so the index can never show what the reader may not see.
/// </summary>
public sealed class SearchEntry
{
    public long Id { get; set; }

    public RecordKind Kind { get; set; }

    public long RecordId { get; set; }

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";
}

/// <summary>A full-text match: which record, and how well it ranks (lower is better).</summary>
public sealed class SearchHit
{
    public int Kind { get; set; }

    public long RecordId { get; set; }

    public double Rank { get; set; }
}
