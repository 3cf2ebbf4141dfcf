namespace Vigil.Model;

/// <summary>How a request for comment was sent. Stored as numbers: never renumber.</summary>
public enum ReplyChannel
{
    Email = 1,
    Letter = 2,
    WebForm = 3,
    Phone = 4,
    Meeting = 5,
    Other = 9,
}

/// <summary>Where a request for comment stands. Stored as numbers: never renumber.</summary>
public enum ReplyOutcome
{
    /// <summary>No answer recorded yet; past the deadline it reads "no answer by" the deadline.</summary>
    Awaiting = 1,
    Answered = 2,
    Declined = 3,
}

/// <summary>Spellings of <see cref="ReplyChannel"/> and <see cref="ReplyOutcome"/> in JSON, forms and pages.</summary>
public static class ReplyTerms
{
    public static string ToLabel(this ReplyChannel channel) => channel switch
    {
        ReplyChannel.WebForm => "web-form",
        _ => channel.ToString().ToLowerInvariant(),
    };

    public static string ToTitle(this ReplyChannel channel) => channel.ToLabel().Replace('-', ' ');

    public static string ToLabel(this ReplyOutcome outcome) => outcome.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out ReplyChannel channel)
    {
        var t = (text ?? "").Trim().ToLowerInvariant().Replace(' ', '-').Replace('_', '-');
        foreach (var c in Enum.GetValues<ReplyChannel>())
        {
            if (c.ToLabel() == t)
            {
                channel = c;
                return true;
            }
        }
        channel = default;
        return false;
    }
}

/// <summary>
/// The right of reply, as the Business &amp; Human Rights Resource Centre practises it: before (or when) a
/// company or a state is judged in Vigil, it is asked to respond, and its answer, its refusal or its
/// silence is published beside the claims. A request records when and how the actor was asked, what
/// was asked, about which records (<see cref="About"/>), and by when an answer was wanted; the answer's
/// text is kept as a <see cref="Source"/> of its own (<see cref="AnswerSource"/>), so that it can be cited.
/// </summary>
public sealed class ReplyRequest : Record
{
    /// <summary>The actor asked: a company, or a state (or one of its bodies).</summary>
    public long ActorId { get; set; }

    public Actor? Actor { get; set; }

    /// <summary>When the request was sent, YYYY-MM-DD.</summary>
    public string AskedDate { get; set; } = "";

    public ReplyChannel Channel { get; set; } = ReplyChannel.Email;

    /// <summary>What the actor was asked.</summary>
    public string Question { get; set; } = "";

    /// <summary>The date by which an answer was asked for, YYYY-MM-DD; none when no deadline was set.</summary>
    public string? Deadline { get; set; }

    public ReplyOutcome Outcome { get; set; } = ReplyOutcome.Awaiting;

    /// <summary>When the actor answered or declined, YYYY-MM-DD.</summary>
    public string? AnsweredDate { get; set; }

    /// <summary>The answer as received (or the words of the refusal).</summary>
    public string? AnswerText { get; set; }

    /// <summary>The answer kept as a source (its archived copy holds the text), citable like any other.</summary>
    public long? AnswerSourceId { get; set; }

    public Source? AnswerSource { get; set; }

    /// <summary>The records the request is about: the actor itself, incidents, measures, relationships.</summary>
    public List<ReplySubject> About { get; set; } = [];

    public override RecordKind Kind => RecordKind.ReplyRequest;

    public override string Label => $"Request for comment to {Actor?.Name ?? "?"} of {AskedDate}";

    /// <summary>
    /// True when the deadline has passed (before <paramref name="today"/>, YYYY-MM-DD) and no answer was
    /// recorded: the request then reads "no answer by" the deadline.
    /// </summary>
    public static bool Unanswered(ReplyOutcome outcome, string? deadline, string today) =>
        outcome == ReplyOutcome.Awaiting && deadline is not null && string.CompareOrdinal(deadline, today) < 0;
}

/// <summary>A record a request for comment is about. Exactly one key is set.</summary>
public sealed class ReplySubject : IOwnedByRecord
{
    public long Id { get; set; }

    public long ReplyRequestId { get; set; }

    public ReplyRequest? ReplyRequest { get; set; }

    public long? ActorId { get; set; }

    public Actor? Actor { get; set; }

    public long? IncidentId { get; set; }

    public Incident? Incident { get; set; }

    public long? MeasureId { get; set; }

    public Measure? Measure { get; set; }

    public long? RelationshipId { get; set; }

    public Relationship? Relationship { get; set; }

    /// <summary>The kind of the record it points at.</summary>
    public RecordKind SubjectKind =>
        IncidentId is not null ? RecordKind.Incident
        : MeasureId is not null ? RecordKind.Measure
        : RelationshipId is not null ? RecordKind.Relationship
        : RecordKind.Actor;

    Record? IOwnedByRecord.Owner => ReplyRequest;

    string IOwnedByRecord.OwnerField => "about";

    // By id, not slug, as a measure's targets: a revision is shown to whoever may see the request, who
    // may not see every record it is about.
    public string Describe() => $"{SubjectKind.ToString().ToLowerInvariant()} #{ActorId ?? IncidentId ?? MeasureId ?? RelationshipId}";
}
