using System.Text.Json;

namespace Vigil.Model;

/// <summary>How the infection or attempt was established.</summary>
public enum ForensicStatus
{
    /// <summary>A forensic lab examined the device and confirmed it.</summary>
    LabConfirmed = 1,
    /// <summary>A platform (Apple, Meta/WhatsApp, Google) notified the person; no lab finding published.</summary>
    PlatformNotification = 2,
    /// <summary>Reported or suspected, without forensic confirmation.</summary>
    Suspected = 3,
}

/// <summary>How the spyware reached the device.</summary>
public enum AttackVector
{
    ZeroClick = 1,
    OneClick = 2,
    NetworkInjection = 3,
    PhysicalAccess = 4,
    Unknown = 9,
}

/// <summary>Who was targeted, as a category (never a name).</summary>
public enum TargetCategory
{
    Journalist = 1,
    HumanRightsDefender = 2,
    Lawyer = 3,
    Politician = 4,
    Diplomat = 5,
    GovernmentOfficial = 6,
    Activist = 7,
    MigrantRightsGroup = 8,
    Academic = 9,
    RelativeOfTarget = 10,
    CivilSociety = 11,
    Other = 99,
}

/// <summary>Whether and how a target may be named.</summary>
public enum ConsentStatus
{
    /// <summary>Named publicly, with their consent.</summary>
    PublicConsent = 1,
    /// <summary>Named in public sources (court filings, reports, press); still shown by pseudonym to the uncleared.</summary>
    PublicRecord = 2,
    /// <summary>Must not be named: even cleared readers see the identity only if assigned to the record.</summary>
    DoNotName = 3,
}

/// <summary>Spellings of the incident enums in files, URLs and the API ("lab-confirmed", "zero-click").</summary>
public static class IncidentLabels
{
    public static string ToLabel<TEnum>(this TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Parses a kebab-case (or PascalCase) label of <typeparamref name="TEnum"/>.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum =>
        Enum.TryParse((text ?? "").Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out value)
        && Enum.IsDefined(value);

    /// <summary>All labels of <typeparamref name="TEnum"/>, for error messages and forms.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(v => v.ToLabel())];

    /// <summary>A category in words ("human-rights defender").</summary>
    public static string Words(this TargetCategory c) => c switch
    {
        TargetCategory.HumanRightsDefender => "human-rights defender",
        TargetCategory.MigrantRightsGroup => "migrant-rights group",
        TargetCategory.RelativeOfTarget => "relative of a target",
        TargetCategory.GovernmentOfficial => "government official",
        TargetCategory.CivilSociety => "civil society",
        _ => c.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// What the attribution confidence levels mean for a suspected operator of an incident. Data, not
/// code paths: shown on the incident pages and in docs/incidents.md.
/// </summary>
public static class AttributionConfidence
{
    public static IReadOnlyDictionary<Confidence, string> Definitions { get; } = new Dictionary<Confidence, string>
    {
        [Confidence.Low] = "Suspected: the investigators name the operator as possible or likely (shared infrastructure, the targets' profile, motive), without technical attribution.",
        [Confidence.Moderate] = "Probable: the investigators attribute with stated reservations, or an official body or court record points to the operator without technical proof published.",
        [Confidence.High] = "Attributed: the investigators state high confidence on technical grounds (operator clusters, infrastructure, exploit delivery) or the operator admitted it.",
    };
}

/// <summary>
/// A documented abuse: a person or group targeted with a vendor's product, by a (suspected) operator,
/// found by investigators. Its targets are <see cref="Target"/>s, always shown by pseudonym.
/// </summary>
public sealed class Incident : Record
{
    public string Title { get; set; } = "";

    public string? Summary { get; set; }

    /// <summary>First seen (activity began): a partial date.</summary>
    public string? FirstSeen { get; set; }

    /// <summary>Last seen: a partial date.</summary>
    public string? LastSeen { get; set; }

    /// <summary>When it was made public (report, notification, article): a partial date.</summary>
    public string? DisclosedOn { get; set; }

    /// <summary>Where the targeting happened (ISO 3166-1 alpha-2), when known.</summary>
    public string? Country { get; set; }

    public ForensicStatus ForensicStatus { get; set; } = ForensicStatus.Suspected;

    public AttackVector Vector { get; set; } = AttackVector.Unknown;

    public List<IncidentProduct> Products { get; set; } = [];

    public List<IncidentVendor> Vendors { get; set; } = [];

    public List<IncidentOperator> Operators { get; set; } = [];

    public List<IncidentInvestigator> Investigators { get; set; } = [];

    public List<Target> Targets { get; set; } = [];

    public override RecordKind Kind => RecordKind.Incident;

    public override string Label => Title;

    /// <summary>The year the incident is counted under: first seen, else disclosed.</summary>
    public static int? YearOf(string? firstSeen, string? disclosedOn) =>
        PartialDate.IsValid(firstSeen) ? PartialDate.Year(firstSeen!) : PartialDate.IsValid(disclosedOn) ? PartialDate.Year(disclosedOn!) : null;
}

/// <summary>A product used in an incident.</summary>
public sealed class IncidentProduct : IOwnedByRecord
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public Incident? Incident { get; set; }

    public long ProductId { get; set; }

    public Product? Product { get; set; }

    Record? IOwnedByRecord.Owner => Incident;

    string IOwnedByRecord.OwnerField => "products";

    public string Describe() => Product?.Slug ?? $"product {ProductId}";
}

/// <summary>A vendor (company) whose product was used.</summary>
public sealed class IncidentVendor : IOwnedByRecord
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public Incident? Incident { get; set; }

    public long ActorId { get; set; }

    public Actor? Actor { get; set; }

    Record? IOwnedByRecord.Owner => Incident;

    string IOwnedByRecord.OwnerField => "vendors";

    public string Describe() => Actor?.Slug ?? $"actor {ActorId}";
}

/// <summary>A suspected operator (a state or one of its agencies), with the confidence and the reasoning.</summary>
public sealed class IncidentOperator : IOwnedByRecord
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public Incident? Incident { get; set; }

    public long ActorId { get; set; }

    public Actor? Actor { get; set; }

    public Confidence Confidence { get; set; } = Confidence.Low;

    public string? Reasoning { get; set; }

    Record? IOwnedByRecord.Owner => Incident;

    string IOwnedByRecord.OwnerField => "operators";

    public string Describe() => $"{Actor?.Slug ?? $"actor {ActorId}"} ({Confidence.ToLabel()})";
}

/// <summary>An investigator (lab, NGO, platform) who found or confirmed the incident.</summary>
public sealed class IncidentInvestigator : IOwnedByRecord
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public Incident? Incident { get; set; }

    public long ActorId { get; set; }

    public Actor? Actor { get; set; }

    Record? IOwnedByRecord.Owner => Incident;

    string IOwnedByRecord.OwnerField => "investigators";

    public string Describe() => Actor?.Slug ?? $"actor {ActorId}";
}

/// <summary>
/// A person or group targeted in an incident. Always shown by <see cref="Pseudonym"/> and
/// <see cref="Category"/>; the real identity is held only as AES-GCM ciphertext whose key lives outside
/// the database (<see cref="Protection.TargetKeyring"/>), and is decrypted only for a reader cleared for
/// it, with an audit entry per reveal. A target is visible when its incident is, up to its own marking;
/// its status follows the incident's.
/// </summary>
public sealed class Target : Record
{
    public long IncidentId { get; set; }

    public Incident? Incident { get; set; }

    /// <summary>Generated, stable, never derived from the name ("Target-7QK3"); the slug is its lower case.</summary>
    public string Pseudonym { get; set; } = "";

    public TargetCategory Category { get; set; } = TargetCategory.Other;

    /// <summary>Country of residence (ISO 3166-1 alpha-2) when targeted.</summary>
    public string? ResidenceCountry { get; set; }

    /// <summary>Nationality (ISO 3166-1 alpha-2).</summary>
    public string? Nationality { get; set; }

    public ConsentStatus Consent { get; set; } = ConsentStatus.DoNotName;

    /// <summary>The real identity, encrypted (see <see cref="Protection.TargetKeyring"/>); null when not recorded.</summary>
    public string? IdentityCipher { get; set; }

    /// <summary>The id of the key that encrypted <see cref="IdentityCipher"/>, so keys can rotate.</summary>
    public string? IdentityKeyId { get; set; }

    /// <summary>For do-not-name targets: the editors (user names) who alone may see the identity.</summary>
    public List<TargetEditor> Editors { get; set; } = [];

    public override RecordKind Kind => RecordKind.Target;

    public override string Label => Pseudonym;
}

/// <summary>An editor assigned to a target: for a do-not-name target, only they see the identity.</summary>
public sealed class TargetEditor : IOwnedByRecord
{
    public long Id { get; set; }

    public long TargetId { get; set; }

    public Target? Target { get; set; }

    public string UserName { get; set; } = "";

    Record? IOwnedByRecord.Owner => Target;

    string IOwnedByRecord.OwnerField => "editors";

    public string Describe() => UserName;
}
