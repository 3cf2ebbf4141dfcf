using System.Linq.Expressions;

namespace Vigil.Model;

/// <summary>
/// Links a claim (a record) to the source it rests on, with a locator and the Admiralty information
/// credibility: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged.
/// Exactly one subject key is set; later record kinds add their own key column.
/// </summary>
public sealed class Citation : Record
{
    public long SourceId { get; set; }

    public Source? Source { get; set; }

    public long? ActorId { get; set; }

    public Actor? Actor { get; set; }

    public long? ProductId { get; set; }

    public Product? Product { get; set; }

    public long? RelationshipId { get; set; }

    public Relationship? Relationship { get; set; }

    public long? IncidentId { get; set; }

    public Incident? Incident { get; set; }
    public long? MeasureId { get; set; }

    public Measure? Measure { get; set; }
    public long? EndorsementId { get; set; }

    public Endorsement? Endorsement { get; set; }

    public long? AssessmentId { get; set; }

    public Assessment? Assessment { get; set; }

    public long? NationalReportId { get; set; }

    public NationalReport? NationalReport { get; set; }

    public long? FrameworkId { get; set; }

    public Framework? Framework { get; set; }

    public long? CommitmentId { get; set; }

    public Commitment? Commitment { get; set; }

    public long? IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    /// <summary>Where in the source: page, section, paragraph.</summary>
    public string? Locator { get; set; }

    /// <summary>The passage that supports the claim.</summary>
    public string? Quote { get; set; }

    /// <summary>Admiralty information credibility, 1–6.</summary>
    public int Credibility { get; set; } = 6;

    public override RecordKind Kind => RecordKind.Citation;

    public override string Label => $"{Source?.Title ?? "source"}{(Locator is null ? "" : ", " + Locator)}";

    /// <summary>The cited record's kind.</summary>
    public RecordKind SubjectKind =>
        ActorId is not null ? RecordKind.Actor
        : ProductId is not null ? RecordKind.Product
        : IncidentId is not null ? RecordKind.Incident
        : MeasureId is not null ? RecordKind.Measure
        : EndorsementId is not null ? RecordKind.Endorsement
        : AssessmentId is not null ? RecordKind.Assessment
        : NationalReportId is not null ? RecordKind.NationalReport
        : FrameworkId is not null ? RecordKind.Framework
        : CommitmentId is not null ? RecordKind.Commitment
        : IndicatorId is not null ? RecordKind.Indicator
        : RecordKind.Relationship;

    /// <summary>The cited record's id.</summary>
    public long SubjectId => ActorId ?? ProductId ?? RelationshipId ?? IncidentId ?? MeasureId ?? EndorsementId ?? AssessmentId ?? NationalReportId ?? FrameworkId ?? CommitmentId ?? IndicatorId ?? 0;

    // The subject's key columns are known here and in the access rule (VigilDb) only: a new citable
    // kind adds its column, a case to SubjectKind/SubjectId, Cites and OfSubjects, and its filter.

    /// <summary>Makes <paramref name="subject"/> the cited record (through its navigation, so a record not yet saved gets its key on save).</summary>
    public Citation Cites(Record subject)
    {
        switch (subject)
        {
            case Actor a: Actor = a; break;
            case Product p: Product = p; break;
            case Relationship r: Relationship = r; break;
            case Incident i: Incident = i; break;
            case Measure m: Measure = m; break;
            case Endorsement e: Endorsement = e; break;
            case Assessment a: Assessment = a; break;
            case NationalReport n: NationalReport = n; break;
            case Framework f: Framework = f; break;
            case Commitment c: Commitment = c; break;
            case Indicator i: Indicator = i; break;
            default: throw new ArgumentException($"a {subject.Kind} cannot be cited", nameof(subject));
        }
        return this;
    }

    /// <summary>The citations of the records of one kind with these ids, as a query condition.</summary>
    public static Expression<Func<Citation, bool>> OfSubjects(RecordKind kind, IReadOnlyCollection<long> ids) => kind switch
    {
        RecordKind.Actor => c => c.ActorId != null && ids.Contains(c.ActorId.Value),
        RecordKind.Product => c => c.ProductId != null && ids.Contains(c.ProductId.Value),
        RecordKind.Relationship => c => c.RelationshipId != null && ids.Contains(c.RelationshipId.Value),
        RecordKind.Incident => c => c.IncidentId != null && ids.Contains(c.IncidentId.Value),
        RecordKind.Measure => c => c.MeasureId != null && ids.Contains(c.MeasureId.Value),
        RecordKind.Endorsement => c => c.EndorsementId != null && ids.Contains(c.EndorsementId.Value),
        RecordKind.Assessment => c => c.AssessmentId != null && ids.Contains(c.AssessmentId.Value),
        RecordKind.NationalReport => c => c.NationalReportId != null && ids.Contains(c.NationalReportId.Value),
        RecordKind.Framework => c => c.FrameworkId != null && ids.Contains(c.FrameworkId.Value),
        RecordKind.Commitment => c => c.CommitmentId != null && ids.Contains(c.CommitmentId.Value),
        RecordKind.Indicator => c => c.IndicatorId != null && ids.Contains(c.IndicatorId.Value),
        _ => throw new ArgumentException($"a {kind} cannot be cited", nameof(kind)),
    };
}
