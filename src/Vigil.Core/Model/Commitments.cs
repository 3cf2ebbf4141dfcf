namespace Vigil.Model;

/// <summary>What sort of promise a framework is. Stored as numbers: never renumber.</summary>
public enum FrameworkKind
{
    /// <summary>A code of practice states sign (the Pall Mall Code of Practice for States).</summary>
    StateCode = 1,
    /// <summary>A joint statement governments endorse.</summary>
    JointStatement = 2,
    /// <summary>A standard companies are measured against (Know Your Customer).</summary>
    CompanyStandard = 3,
    /// <summary>A company's own policy: its claims are its commitments.</summary>
    CompanyPolicy = 4,
}

/// <summary>Spellings of <see cref="FrameworkKind"/> in data files and URLs.</summary>
public static class FrameworkKinds
{
    public static string ToLabel(this FrameworkKind kind) => kind switch
    {
        FrameworkKind.StateCode => "state-code",
        FrameworkKind.JointStatement => "joint-statement",
        FrameworkKind.CompanyStandard => "company-standard",
        FrameworkKind.CompanyPolicy => "company-policy",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? text, out FrameworkKind kind)
    {
        foreach (var k in Enum.GetValues<FrameworkKind>())
        {
            if (k.ToLabel() == text?.Trim().ToLowerInvariant())
            {
                kind = k;
                return true;
            }
        }
        kind = default;
        return false;
    }
}

/// <summary>
/// A code, statement, standard or company policy, in one version (<see cref="Edition"/>). Frameworks are
/// data: an amendment is a new framework record of the same <see cref="Series"/> with the next edition,
/// never an edit of commitments that assessments already rate.
/// </summary>
public sealed class Framework : Record
{
    public string Name { get; set; } = "";

    public FrameworkKind FrameworkKind { get; set; } = FrameworkKind.StateCode;

    /// <summary>Slug shared by every edition ("pall-mall-code"); endorsements hold for the series.</summary>
    public string Series { get; set; } = "";

    /// <summary>1 for the first version, then 2, 3… for amendments.</summary>
    public int Edition { get; set; } = 1;

    /// <summary>Adopted or published (partial date).</summary>
    public string? Date { get; set; }

    public string? Description { get; set; }

    /// <summary>Where the wording comes from, shown on the page ("paraphrased from secondary sources").</summary>
    public string? Provenance { get; set; }

    /// <summary>The company whose policy this is (company policies only).</summary>
    public long? OwnerActorId { get; set; }

    public Actor? OwnerActor { get; set; }

    public long? SourceId { get; set; }

    public Source? Source { get; set; }

    /// <summary>The edition this one amends.</summary>
    public long? SupersedesId { get; set; }

    public List<Commitment> Commitments { get; set; } = [];

    public override RecordKind Kind => RecordKind.Framework;

    public override string Label => Edition == 1 ? Name : $"{Name} (version {Edition})";
}

/// <summary>One commitment of a framework: a practice under a pillar, or a claim of a company policy.</summary>
public sealed class Commitment : Record
{
    public long FrameworkId { get; set; }

    public Framework? Framework { get; set; }

    /// <summary>Short code within the framework ("A1"), stable across editions so quarters compare.</summary>
    public string Code { get; set; } = "";

    /// <summary>Pillar or chapter ("accountability").</summary>
    public string Pillar { get; set; } = "";

    /// <summary>False when the pillar is Vigil's editors' mapping, not stated in the source.</summary>
    public bool PillarStated { get; set; } = true;

    public string Text { get; set; } = "";

    /// <summary>The words of the source, where the text above paraphrases it.</summary>
    public string? Quote { get; set; }

    public int Position { get; set; }

    public long? SourceId { get; set; }

    public Source? Source { get; set; }

    public override RecordKind Kind => RecordKind.Commitment;

    public override string Label => $"{Code}: {(Text.Length <= 80 ? Text : Text[..77] + "…")}";
}

/// <summary>An actor signs or adopts a framework (series) on a date.</summary>
public sealed class Endorsement : Record
{
    public long ActorId { get; set; }

    public Actor? Actor { get; set; }

    public long FrameworkId { get; set; }

    public Framework? Framework { get; set; }

    /// <summary>Partial date; null when the date is not known (then no event can be placed after it).</summary>
    public string? Date { get; set; }

    public string? Note { get; set; }

    public override RecordKind Kind => RecordKind.Endorsement;

    public override string Label => $"{Actor?.Name ?? "?"} endorses {Framework?.Name ?? "?"}";
}

/// <summary>
/// Civil society's rating of how an actor fulfils a commitment in a quarter ("2026Q1"). Once published it
/// is never changed: a correction is a new assessment with the next <see cref="Edition"/> that
/// <see cref="SupersedesId"/> the published one.
/// </summary>
public sealed class Assessment : Record
{
    public long ActorId { get; set; }

    public Actor? Actor { get; set; }

    public long CommitmentId { get; set; }

    public Commitment? Commitment { get; set; }

    /// <summary>Calendar quarter, "2026Q1".</summary>
    public string Quarter { get; set; } = "";

    /// <summary>A <see cref="RatingStep.Value"/>; null while not yet rated.</summary>
    public int? Rating { get; set; }

    /// <summary>Whether fulfilment of the commitment can be verified from outside.</summary>
    public bool? Verifiable { get; set; }

    /// <summary>Whether there is evidence that contradicts the commitment.</summary>
    public bool? ContradictingEvidence { get; set; }

    public string? Rationale { get; set; }

    /// <summary>The researcher responsible (account name).</summary>
    public string? Assessor { get; set; }

    /// <summary>1 for the first publication; a correction is 2, 3…</summary>
    public int Edition { get; set; } = 1;

    /// <summary>The published assessment this correction replaces.</summary>
    public long? SupersedesId { get; set; }

    /// <summary>The published assessment of an earlier quarter this draft was carried forward from.</summary>
    public long? CarriedFromId { get; set; }

    public override RecordKind Kind => RecordKind.Assessment;

    public override string Label => $"{Actor?.Name ?? "?"} · {Commitment?.Code ?? "?"} · {Quarter}" + (Edition > 1 ? $" (correction {Edition - 1})" : "");
}

/// <summary>
/// A state's own account, filed by its focal point, of what it did for a commitment in a quarter: the
/// national implementation tracker. Shown beside civil society's assessment.
/// </summary>
public sealed class NationalReport : Record
{
    public long ActorId { get; set; }

    public Actor? Actor { get; set; }

    public long CommitmentId { get; set; }

    public Commitment? Commitment { get; set; }

    public string Quarter { get; set; } = "";

    /// <summary>The state's own rating on the same scale (a claim, not a judgement).</summary>
    public int? SelfRating { get; set; }

    public string? Actions { get; set; }

    public string? Laws { get; set; }

    public string? Budgets { get; set; }

    public string? OversightBodies { get; set; }

    /// <summary>Evidence links, one URL a line.</summary>
    public string? EvidenceLinks { get; set; }

    public override RecordKind Kind => RecordKind.NationalReport;

    public override string Label => $"{Actor?.Name ?? "?"} · {Commitment?.Code ?? "?"} · {Quarter} (national report)";
}

/// <summary>
/// One step of the assessment scale, as data. <see cref="Points"/> is the step's share of a full score
/// (0–100); null for "no evidence", which is counted apart rather than scored.
/// </summary>
public sealed class RatingStep
{
    public int Value { get; set; }

    public string Code { get; set; } = "";

    public string Label { get; set; } = "";

    public string Definition { get; set; } = "";

    public int? Points { get; set; }
}

/// <summary>Open or closed.</summary>
public enum QuarterState
{
    Open = 1,
    Closed = 2,
}

/// <summary>An assessment cycle: opened (drafts made for every endorser and commitment), then closed.</summary>
public sealed class QuarterCycle
{
    public long Id { get; set; }

    public string Code { get; set; } = "";

    public QuarterState State { get; set; } = QuarterState.Open;

    public DateTime OpenedAt { get; set; }

    public string OpenedBy { get; set; } = "";

    public DateTime? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }
}
