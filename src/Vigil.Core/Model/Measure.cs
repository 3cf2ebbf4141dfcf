namespace Vigil.Model;

/// <summary>What sort of accountability action a measure is. Stored as numbers: never renumber.</summary>
public enum MeasureType
{
    Sanction = 1,
    VisaRestriction = 2,
    ExportControlListing = 3,
    ProcurementBan = 4,
    CriminalCharge = 5,
    Lawsuit = 6,
    Regulation = 7,
    Investigation = 8,
    Other = 9,
}

/// <summary>A step of a measure's life. Stored as numbers: never renumber.</summary>
public enum MeasureStage
{
    Announced = 1,
    InForce = 2,
    Lifted = 3,
    Expired = 4,
    // for court cases
    Filed = 5,
    Ruling = 6,
    Appeal = 7,
    Closed = 8,
}

/// <summary>Spellings of <see cref="MeasureType"/> and <see cref="MeasureStage"/> in files and URLs.</summary>
public static class MeasureTerms
{
    public static string ToLabel(this MeasureType t) => t switch
    {
        MeasureType.Sanction => "sanction",
        MeasureType.VisaRestriction => "visa-restriction",
        MeasureType.ExportControlListing => "export-control-listing",
        MeasureType.ProcurementBan => "procurement-ban",
        MeasureType.CriminalCharge => "criminal-charge",
        MeasureType.Lawsuit => "lawsuit",
        MeasureType.Regulation => "regulation",
        MeasureType.Investigation => "investigation",
        MeasureType.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>A human label ("export-control listing").</summary>
    public static string ToTitle(this MeasureType t) => t switch
    {
        MeasureType.ExportControlListing => "export-control listing",
        _ => t.ToLabel().Replace('-', ' '),
    };

    public static string ToLabel(this MeasureStage s) => s switch
    {
        MeasureStage.Announced => "announced",
        MeasureStage.InForce => "in-force",
        MeasureStage.Lifted => "lifted",
        MeasureStage.Expired => "expired",
        MeasureStage.Filed => "filed",
        MeasureStage.Ruling => "ruling",
        MeasureStage.Appeal => "appeal",
        MeasureStage.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    /// <summary>True when a measure at this stage no longer binds anyone.</summary>
    public static bool IsEnded(this MeasureStage s) => s is MeasureStage.Lifted or MeasureStage.Expired or MeasureStage.Closed;

    public static bool TryParse(string? text, out MeasureType type)
    {
        var t = Norm(text);
        if (t == "entity-list")
        {
            type = MeasureType.ExportControlListing;
            return true;
        }
        foreach (var c in Enum.GetValues<MeasureType>())
        {
            if (c.ToLabel() == t || c.ToString().Equals(t.Replace("-", ""), StringComparison.OrdinalIgnoreCase))
            {
                type = c;
                return true;
            }
        }
        type = default;
        return false;
    }

    public static bool TryParse(string? text, out MeasureStage stage)
    {
        var t = Norm(text);
        foreach (var c in Enum.GetValues<MeasureStage>())
        {
            if (c.ToLabel() == t || c.ToString().Equals(t.Replace("-", ""), StringComparison.OrdinalIgnoreCase))
            {
                stage = c;
                return true;
            }
        }
        stage = default;
        return false;
    }

    private static string Norm(string? text) => (text ?? "").Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
}

/// <summary>
/// An accountability action: a sanction, visa restriction, export-control listing, procurement ban,
/// criminal charge, lawsuit, regulation or investigation, imposed by an actor (a state, an agency, a
/// court, a company suing) on target actors, with its legal basis, reference, dates and a dated, cited
/// lifecycle (<see cref="Steps"/>). A lifted measure is kept, with its lifting as a step.
/// </summary>
public sealed class Measure : Record
{
    public MeasureType Type { get; set; }

    /// <summary>A short title ("OFAC designation of Intellexa S.A.").</summary>
    public string Title { get; set; } = "";

    /// <summary>Who imposes it: a state, an agency (OFAC, BIS), a court, a company.</summary>
    public long AuthorityId { get; set; }

    public Actor? Authority { get; set; }

    /// <summary>Legal basis or programme: CYBER2, Executive Order 14093, the Entity List, INA §212(a)(3)(C).</summary>
    public string? Programme { get; set; }

    /// <summary>Official reference: Federal Register document, case number, OFAC entry number.</summary>
    public string? Reference { get; set; }

    /// <summary>Partial date (YYYY, YYYY-MM, YYYY-MM-DD).</summary>
    public string? AnnouncedDate { get; set; }

    /// <summary>Partial date.</summary>
    public string? EffectiveDate { get; set; }

    /// <summary>Partial date: lifted, delisted, expired or closed.</summary>
    public string? LiftedDate { get; set; }

    /// <summary>The current stage: the latest step.</summary>
    public MeasureStage Stage { get; set; } = MeasureStage.InForce;

    public string? Description { get; set; }

    public List<MeasureTarget> Targets { get; set; } = [];

    public List<MeasureStep> Steps { get; set; } = [];

    /// <summary>
    /// For a case (lawsuit, prosecution): who stands where — the court, plaintiffs or prosecutor,
    /// defendants, counsel. The <see cref="Authority"/> stays the actor the measure is filed under
    /// (the court), and <see cref="Targets"/> the defendants, so the analyses count as before.
    /// </summary>
    public List<MeasureParty> Parties { get; set; } = [];

    public override RecordKind Kind => RecordKind.Measure;

    public override string Label => Title;

    /// <summary>Since when it binds: effective, else announced.</summary>
    public string? Since => EffectiveDate ?? AnnouncedDate;
}

/// <summary>An actor a measure is aimed at.</summary>
public sealed class MeasureTarget : IOwnedByRecord
{
    public long Id { get; set; }

    public long MeasureId { get; set; }

    public Measure? Measure { get; set; }

    public long ActorId { get; set; }

    public Actor? Actor { get; set; }

    Record? IOwnedByRecord.Owner => Measure;

    string IOwnedByRecord.OwnerField => "targets";

    // By id, not slug: a revision is shown to whoever may see the measure, who may not see every target.
    public string Describe() => $"actor #{ActorId}";
}

/// <summary>A dated, cited step of a measure's life: announced, in force, lifted, filed, ruling…</summary>
public sealed class MeasureStep : IOwnedByRecord
{
    public long Id { get; set; }

    public long MeasureId { get; set; }

    public Measure? Measure { get; set; }

    public MeasureStage Stage { get; set; }

    /// <summary>Partial date.</summary>
    public string? Date { get; set; }

    /// <summary>The source that evidences the step.</summary>
    public long? SourceId { get; set; }

    public Source? Source { get; set; }

    public string? Note { get; set; }

    Record? IOwnedByRecord.Owner => Measure;

    string IOwnedByRecord.OwnerField => "steps";

    public string Describe() => $"{Stage.ToLabel()} {Date}{(Note is null ? "" : " — " + Note)}".Trim();
}

/// <summary>A party's role in a case. Stored as numbers: never renumber.</summary>
public enum PartyRole
{
    Court = 1,
    Plaintiff = 2,
    Prosecutor = 3,
    Defendant = 4,
    Counsel = 5,
}

/// <summary>Spellings of <see cref="PartyRole"/>.</summary>
public static class PartyRoles
{
    public static string ToLabel(this PartyRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out PartyRole role) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);
}

/// <summary>An actor's part in a case: court, plaintiff, prosecutor, defendant or counsel (for whom: <see cref="Note"/>).</summary>
public sealed class MeasureParty : IOwnedByRecord
{
    public long Id { get; set; }

    public long MeasureId { get; set; }

    public Measure? Measure { get; set; }

    public long ActorId { get; set; }

    public Actor? Actor { get; set; }

    public PartyRole Role { get; set; }

    /// <summary>"for the plaintiffs", "co-counsel on appeal".</summary>
    public string? Note { get; set; }

    Record? IOwnedByRecord.Owner => Measure;

    string IOwnedByRecord.OwnerField => "parties";

    // By id, not slug, as for targets.
    public string Describe() => $"{Role.ToLabel()} actor #{ActorId}{(Note is null ? "" : " — " + Note)}";
}

/// <summary>What happened to a possible match between an imported list entry and an existing actor.</summary>
public enum MatchState
{
    Open = 1,
    Accepted = 2,
    Rejected = 3,
}

/// <summary>
/// A candidate link between a sanctions-list entry and an existing actor that was not certain enough to
/// merge: it waits for a person, with the evidence for and against.
/// </summary>
public sealed class MatchCandidate
{
    public long Id { get; set; }

    /// <summary>"ofac", "ftm".</summary>
    public string List { get; set; } = "";

    /// <summary>The entry's id on the list (OFAC ent_num).</summary>
    public string EntryId { get; set; } = "";

    public string EntryName { get; set; } = "";

    /// <summary>The actor created for the entry (an entry Vigil tracks in its graph), or null.</summary>
    public long? ListedActorId { get; set; }

    public Actor? ListedActor { get; set; }

    /// <summary>The screening-list entry, when it is not (yet) an actor: accepting the match makes it one.</summary>
    public long? ListEntryId { get; set; }

    public ListEntry? ListEntry { get; set; }

    /// <summary>The existing actor it may be.</summary>
    public long CandidateActorId { get; set; }

    public Actor? CandidateActor { get; set; }

    /// <summary>0–100.</summary>
    public int Score { get; set; }

    /// <summary>Evidence for, one item a line.</summary>
    public string EvidenceFor { get; set; } = "";

    /// <summary>Evidence against, one item a line.</summary>
    public string EvidenceAgainst { get; set; } = "";

    public MatchState State { get; set; } = MatchState.Open;

    public DateTime CreatedAt { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }
}
