using Vigil.Model;

namespace Vigil.Features.Browse;

/// <summary>A link to a record as pages show it: its kind ("actor", "product" or "source"), slug and name.</summary>
public sealed record RecordLink(string Kind, string Slug, string Name)
{
    /// <summary>The record's page, e.g. <c>/actors/intellexa</c>.</summary>
    public string Path => $"/{Kind}s/{Slug}";
}

/// <summary>A citation as shown under a claim: the source, where in it, and how credible.</summary>
public sealed record CitationView(string SourceSlug, string SourceTitle, char Reliability, string? Locator, string? Quote, int Credibility)
{
    public string CredibilityLabel => Display.Credibility(Credibility);
}

/// <summary>One edge seen from one of its ends.</summary>
public sealed record RelationshipView(
    long Id, RelationshipType Type, RecordLink Other, string? Role, decimal? SharePercent, string? StartDate, string? EndDate,
    Confidence Confidence, string? Description, Marking Marking, ReviewStatus Status)
{
    public List<CitationView> Citations { get; init; } = [];

    /// <summary>The edge's own slug: its page, where it is cited and reviewed.</summary>
    public string Slug { get; init; } = "";
}

/// <summary>A group of edges that read the same way from the record's side ("subsidiary of").</summary>
public sealed record RelationshipGroup(string Label, IReadOnlyList<RelationshipView> Items);

/// <summary>Readable labels shared by pages and API.</summary>
public static class Display
{
    public static string Credibility(int value) => value switch
    {
        1 => "1 · confirmed",
        2 => "2 · probably true",
        3 => "3 · possibly true",
        4 => "4 · doubtful",
        5 => "5 · improbable",
        _ => "6 · cannot be judged",
    };

    public static string Reliability(char grade) => grade switch
    {
        'A' => "A · completely reliable",
        'B' => "B · usually reliable",
        'C' => "C · fairly reliable",
        'D' => "D · not usually reliable",
        'E' => "E · unreliable",
        _ => "F · reliability cannot be judged",
    };

    public static string ActorKindLabel(ActorKind kind) => kind switch
    {
        ActorKind.PublicBody => "public body",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The slug spelling of an actor kind, used in URLs and JSON ("public-body").</summary>
    public static string ActorKindSlug(ActorKind kind) => kind == ActorKind.PublicBody ? "public-body" : kind.ToString().ToLowerInvariant();

    /// <summary>How an edge reads from its source ("subsidiary of").</summary>
    public static string Outgoing(RelationshipType type) => type.ToLabel().Replace('-', ' ');

    /// <summary>How an edge reads from its target ("parent of").</summary>
    public static string Incoming(RelationshipType type) => type.ToInverseLabel();

    /// <summary>A link to an identifier's register, where the register has stable public pages.</summary>
    public static string? IdentifierUrl(string scheme, string value) => scheme.ToLowerInvariant() switch
    {
        "wikidata" => $"https://www.wikidata.org/wiki/{Uri.EscapeDataString(value)}",
        "opensanctions" => $"https://www.opensanctions.org/entities/{Uri.EscapeDataString(value)}/",
        "ofac" => $"https://sanctionssearch.ofac.treas.gov/Details.aspx?id={Uri.EscapeDataString(value)}",
        _ => null,
    };

    /// <summary>Groups edges by how they read, in the enum's order.</summary>
    public static List<RelationshipGroup> Group(IEnumerable<RelationshipView> edges, Func<RelationshipType, string> label) =>
        edges.GroupBy(e => e.Type).OrderBy(g => g.Key)
            .Select(g => new RelationshipGroup(label(g.Key), g.OrderBy(e => e.Other.Name, StringComparer.InvariantCulture).ToList()))
            .ToList();
}
