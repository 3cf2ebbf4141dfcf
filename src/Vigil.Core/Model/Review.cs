namespace Vigil.Model;

/// <summary>Where a proposed change to a published record stands.</summary>
public enum ChangeState
{
    Pending = 0,
    Applied = 1,
    SentBack = 2,
}

/// <summary>
/// An editor's change to a published record, held until a different reviewer approves it: published
/// evidence is never overwritten by one person. Holds the field diff (as <see cref="Revision.Changes"/>
/// holds it) and the submitted input, which is applied through the kind's own update step on approval.
/// </summary>
public sealed class PendingChange
{
    public long Id { get; set; }

    public RecordKind RecordKind { get; set; }

    public long RecordId { get; set; }

    /// <summary>The record's version the change was made from; stale once the record moved on.</summary>
    public int BaseVersion { get; set; }

    /// <summary>The higher of the record's marking and the proposed one: who may see the change.</summary>
    public Marking Marking { get; set; }

    public DateTime ProposedAt { get; set; }

    public string ProposedBy { get; set; } = "";

    public string? Reason { get; set; }

    /// <summary>"update" (the kind's input, as JSON) or "revert" (to a version).</summary>
    public string InputType { get; set; } = "update";

    /// <summary>The submitted input as JSON.</summary>
    public string Input { get; set; } = "{}";

    /// <summary>The changed fields as JSON, like <see cref="Revision.Changes"/>.</summary>
    public string Changes { get; set; } = "[]";

    public ChangeState State { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    /// <summary>The reviewer's comment when sent back.</summary>
    public string? Comment { get; set; }
}

/// <summary>One step of review on a record: submitted, published, sent back (with a comment), retracted (with a reason), change applied.</summary>
public sealed class ReviewEvent
{
    public long Id { get; set; }

    public RecordKind RecordKind { get; set; }

    public long RecordId { get; set; }

    /// <summary>The record's version after the step.</summary>
    public int Version { get; set; }

    /// <summary>The record's marking at the time: who may read the comment.</summary>
    public Marking Marking { get; set; }

    public DateTime At { get; set; }

    public string By { get; set; } = "";

    /// <summary>"submit", "publish", "send-back", "retract", "apply" or "send-back-change".</summary>
    public string Action { get; set; } = "";

    public string? Comment { get; set; }

    public long? ChangeId { get; set; }
}

/// <summary>
/// What remains visible of a retracted record: its label, when and why it was retracted. Shown (410 Gone)
/// to readers who could see the record when it was published; the record itself is hidden like any
/// unpublished one.
/// </summary>
public sealed class Tombstone
{
    public long Id { get; set; }

    public RecordKind RecordKind { get; set; }

    public long RecordId { get; set; }

    public string Slug { get; set; } = "";

    public string Label { get; set; } = "";

    /// <summary>The record's marking when it was retracted.</summary>
    public Marking Marking { get; set; }

    public DateTime RetractedAt { get; set; }

    public string RetractedBy { get; set; } = "";

    public string Reason { get; set; } = "";
}
