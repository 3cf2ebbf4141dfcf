namespace Vigil.Model;

/// <summary>Where a change set stands.</summary>
public enum ChangeSetState
{
    InReview = 1,
    Published = 2,
    SentBack = 3,
}

/// <summary>
/// Related drafts an editor submits together (a vendor, its source, its citations, its edges), reviewed
/// and published as one: the publish check runs over the whole set, so a citation in the same set
/// counts. It does not matter how the drafts were made (form, API, CLI): a set only names records.
/// </summary>
public sealed class ChangeSet
{
    public long Id { get; set; }

    /// <summary>What the set is about, in the editor's words.</summary>
    public string Title { get; set; } = "";

    public string SubmittedBy { get; set; } = "";

    public DateTime SubmittedAt { get; set; }

    /// <summary>The highest marking of its records when submitted: who may see the set at all.</summary>
    public Marking Marking { get; set; }

    public ChangeSetState State { get; set; } = ChangeSetState.InReview;

    public DateTime? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    /// <summary>The reviewer's comment (required when sent back).</summary>
    public string? Comment { get; set; }

    public List<ChangeSetItem> Items { get; set; } = [];
}

/// <summary>One record of a change set.</summary>
public sealed class ChangeSetItem
{
    public long Id { get; set; }

    public long ChangeSetId { get; set; }

    public ChangeSet? ChangeSet { get; set; }

    public RecordKind RecordKind { get; set; }

    public long RecordId { get; set; }
}
