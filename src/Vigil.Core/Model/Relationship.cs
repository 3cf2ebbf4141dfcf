namespace Vigil.Model;

/// <summary>The typed edges of the graph. Stored as numbers: never renumber.</summary>
public enum RelationshipType
{
    /// <summary>Holds shares in (with <see cref="Relationship.SharePercent"/>).</summary>
    Owns = 1,
    SubsidiaryOf = 2,
    /// <summary>Continues another entity: rebrand, rename, jurisdiction hop.</summary>
    SuccessorOf = 3,
    /// <summary>Director, officer, founder or manager of (with <see cref="Relationship.Role"/>).</summary>
    OfficerOf = 4,
    InvestsIn = 5,
    BrokersFor = 6,
    /// <summary>Vendor to customer.</summary>
    Supplies = 7,
    /// <summary>Company to product.</summary>
    Develops = 8,
    /// <summary>Agency to product.</summary>
    Operates = 9,
    /// <summary>Agency to state, unit to organisation.</summary>
    PartOf = 10,
}

/// <summary>Confidence in a claim, on a fixed scale.</summary>
public enum Confidence
{
    /// <summary>Low: single or weak source, plausible but not corroborated.</summary>
    Low = 1,
    /// <summary>Moderate: credible sources, not independently confirmed.</summary>
    Moderate = 2,
    /// <summary>High: confirmed by official records, court findings or several independent sources.</summary>
    High = 3,
}

/// <summary>Spellings used in data files and URLs ("subsidiary-of").</summary>
public static class RelationshipTypes
{
    public static string ToLabel(this RelationshipType type) => type switch
    {
        RelationshipType.Owns => "owns",
        RelationshipType.SubsidiaryOf => "subsidiary-of",
        RelationshipType.SuccessorOf => "successor-of",
        RelationshipType.OfficerOf => "officer-of",
        RelationshipType.InvestsIn => "invests-in",
        RelationshipType.BrokersFor => "brokers-for",
        RelationshipType.Supplies => "supplies",
        RelationshipType.Develops => "develops",
        RelationshipType.Operates => "operates",
        RelationshipType.PartOf => "part-of",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>How the edge reads from its target's side ("has subsidiary").</summary>
    public static string ToInverseLabel(this RelationshipType type) => type switch
    {
        RelationshipType.Owns => "owned by",
        RelationshipType.SubsidiaryOf => "parent of",
        RelationshipType.SuccessorOf => "succeeded by",
        RelationshipType.OfficerOf => "officers",
        RelationshipType.InvestsIn => "investors",
        RelationshipType.BrokersFor => "brokers",
        RelationshipType.Supplies => "supplied by",
        RelationshipType.Develops => "developed by",
        RelationshipType.Operates => "operated by",
        RelationshipType.PartOf => "has part",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>True when the edge points at a product rather than an actor.</summary>
    public static bool TargetsProduct(this RelationshipType type) => type is RelationshipType.Develops or RelationshipType.Operates;

    public static bool TryParse(string? text, out RelationshipType type)
    {
        var t = (text ?? "").Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        foreach (var candidate in Enum.GetValues<RelationshipType>())
        {
            if (candidate.ToLabel() == t || candidate.ToString().Equals(t, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }
}

/// <summary>Spellings of <see cref="Confidence"/>.</summary>
public static class Confidences
{
    public static string ToLabel(this Confidence c) => c.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out Confidence confidence) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out confidence) && Enum.IsDefined(confidence);
}

/// <summary>
/// A typed, dated, cited edge from an actor to an actor, or (for develops/operates) to a product.
/// </summary>
public sealed class Relationship : Record
{
    public RelationshipType Type { get; set; }

    public long FromActorId { get; set; }

    public Actor? FromActor { get; set; }

    public long? ToActorId { get; set; }

    public Actor? ToActor { get; set; }

    public long? ToProductId { get; set; }

    public Product? ToProduct { get; set; }

    /// <summary>For officer-of: the role ("CEO", "founder", "director").</summary>
    public string? Role { get; set; }

    /// <summary>For owns: the share held, 0–100.</summary>
    public decimal? SharePercent { get; set; }

    /// <summary>Partial date (YYYY, YYYY-MM, YYYY-MM-DD).</summary>
    public string? StartDate { get; set; }

    /// <summary>Partial date (YYYY, YYYY-MM, YYYY-MM-DD).</summary>
    public string? EndDate { get; set; }

    public Confidence Confidence { get; set; } = Confidence.Moderate;

    public string? Description { get; set; }

    public override RecordKind Kind => RecordKind.Relationship;

    public override string Label => $"{FromActor?.Name ?? "?"} {Type.ToLabel()} {ToActor?.Name ?? ToProduct?.Name ?? "?"}";
}
