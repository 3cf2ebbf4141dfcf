namespace Vigil.Model;

/// <summary>Where a screening case stands.</summary>
public enum ScreeningCaseStatus
{
    /// <summary>Saved, not decided yet.</summary>
    Open = 1,
    /// <summary>Decided (and, once <see cref="ScreeningCase.ConfirmedBy"/> is set, confirmed by a second person).</summary>
    Decided = 2,
    /// <summary>A list entry behind a hit changed after the case was saved: it needs a new decision.</summary>
    Reopened = 3,
}

/// <summary>What the reviewer decided about the screened name.</summary>
public enum ScreeningDecision
{
    /// <summary>No hit is the screened party: go ahead.</summary>
    Clear = 1,
    /// <summary>A hit may be the screened party: pass it up.</summary>
    Escalate = 2,
    /// <summary>A hit is the screened party: refuse the business.</summary>
    Refuse = 3,
}

/// <summary>
/// A screening saved as a case file: the query, the hits as they were then (with their explanations),
/// the decision with its rationale, who decided and who confirmed it (a second person: four eyes), and a
/// marking (AMBER by default: a case names a prospective customer). Review work: under the access rule a
/// case is seen only by those who see unpublished work (editors, reviewers, admins) up to their clearance,
/// never by the public. Reopened when a list entry behind a hit changes on a later import.
/// </summary>
public sealed class ScreeningCase
{
    public long Id { get; set; }

    /// <summary>The name screened.</summary>
    public string QueryName { get; set; } = "";

    /// <summary>The FtM schema asked for (Person, Company…), if any.</summary>
    public string? Schema { get; set; }

    /// <summary>Countries asked for, ISO codes, one a line.</summary>
    public string Countries { get; set; } = "";

    /// <summary>Datasets asked for, one a line (empty: all).</summary>
    public string Datasets { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>Who may see the case: at least AMBER, and at least the highest marking of a graph record among its hits.</summary>
    public Marking Marking { get; set; } = Marking.Amber;

    public ScreeningCaseStatus Status { get; set; } = ScreeningCaseStatus.Open;

    public ScreeningDecision? Decision { get; set; }

    public string? Rationale { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>The second person who confirmed the decision; never the one who decided.</summary>
    public string? ConfirmedBy { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    public DateTime? ReopenedAt { get; set; }

    /// <summary>Why the case was reopened: the entry and what changed, one note a line.</summary>
    public string? ReopenReason { get; set; }

    public List<ScreeningCaseHit> Hits { get; set; } = [];
}

/// <summary>One hit of a screening case, as it was when the case was saved.</summary>
public sealed class ScreeningCaseHit
{
    public long Id { get; set; }

    public long ScreeningCaseId { get; set; }

    public ScreeningCase? ScreeningCase { get; set; }

    /// <summary>"actor" (a record of the graph) or "entry" (a list entry outside the graph).</summary>
    public string CandidateKind { get; set; } = "";

    /// <summary>The actor's slug, or the entry's id as screening gives it (<c>us_ofac_sdn-48059</c>).</summary>
    public string CandidateId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The datasets of the hit, comma-separated.</summary>
    public string Dataset { get; set; } = "";

    public double Score { get; set; }

    public string Explanation { get; set; } = "";

    /// <summary>For an actor: its id (to find the list entries linked to it).</summary>
    public long? ActorId { get; set; }

    /// <summary>For a list entry: its list (<c>us_ofac_sdn</c>).</summary>
    public string? List { get; set; }

    /// <summary>For a list entry: its id on the list.</summary>
    public string? EntryId { get; set; }
}
