namespace Vigil.Formats.VigilData;

// The YAML files of Vigil's data layout (data/README.md), one class per file kind. Property names
// are the file's field names in camelCase; unknown fields are errors, so a typo never passes silently.

/// <summary>data/sources/&lt;slug&gt;.yaml</summary>
public sealed class SourceFile
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Publisher { get; set; }
    public string? Url { get; set; }
    public string? Kind { get; set; }
    public string? Published { get; set; }
    public string? Accessed { get; set; }
    public string? ContentHash { get; set; }
    public string? Reliability { get; set; }
    public string? Marking { get; set; }
    public string? Status { get; set; }
}

/// <summary>data/actors/&lt;slug&gt;.yaml</summary>
public sealed class ActorFile
{
    public string? Id { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Country { get; set; }
    public string? Description { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }
    public bool? DependentTerritory { get; set; }
    public string? Marking { get; set; }
    public string? Status { get; set; }
    public List<AliasEntry>? Aliases { get; set; }
    public List<IdentifierEntry>? Identifiers { get; set; }
    public List<CitationEntry>? Citations { get; set; }
}

/// <summary>data/products/&lt;slug&gt;.yaml</summary>
public sealed class ProductFile
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? Description { get; set; }
    public List<string>? Capabilities { get; set; }
    public List<AliasEntry>? Aliases { get; set; }
    public string? Marking { get; set; }
    public string? Status { get; set; }
    public List<CitationEntry>? Citations { get; set; }
}

/// <summary>data/relationships/&lt;slug&gt;.yaml</summary>
public sealed class RelationshipFile
{
    public string? Id { get; set; }
    public string? Type { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Role { get; set; }
    public decimal? Share { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }
    public string? Confidence { get; set; }
    public string? Description { get; set; }
    public string? Marking { get; set; }
    public string? Status { get; set; }
    public List<CitationEntry>? Citations { get; set; }
}

/// <summary>data/frameworks/&lt;slug&gt;.yaml: a framework edition with its commitments.</summary>
public sealed class FrameworkFile
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? Series { get; set; }
    public int? Edition { get; set; }
    public string? Date { get; set; }
    public string? Owner { get; set; }
    public string? Description { get; set; }
    public string? Provenance { get; set; }
    public string? Source { get; set; }
    public string? Marking { get; set; }
    public string? Status { get; set; }
    public List<CommitmentEntry>? Commitments { get; set; }
}

public sealed class CommitmentEntry
{
    public string? Code { get; set; }
    public string? Pillar { get; set; }
    public bool? PillarStated { get; set; }
    public string? Text { get; set; }
    public string? Quote { get; set; }
    public string? Source { get; set; }
    public string? Status { get; set; }
}

/// <summary>data/endorsements/&lt;slug&gt;.yaml</summary>
public sealed class EndorsementFile
{
    public string? Id { get; set; }
    public string? Actor { get; set; }
    public string? Framework { get; set; }
    public string? Date { get; set; }
    public string? Note { get; set; }
    public string? Marking { get; set; }
    public string? Status { get; set; }
    public List<CitationEntry>? Citations { get; set; }
}

public sealed class AliasEntry
{
    public string? Name { get; set; }
    public string? Lang { get; set; }
    public string? Script { get; set; }
}

public sealed class IdentifierEntry
{
    public string? Scheme { get; set; }
    public string? Value { get; set; }
}

public sealed class CitationEntry
{
    public string? Source { get; set; }
    public string? Locator { get; set; }
    public string? Quote { get; set; }
    public int? Credibility { get; set; }
}

/// <summary>One file of the folder, parsed, with the path it came from (relative to the folder).</summary>
public sealed record DataFile<T>(string Path, T Record);

/// <summary>Everything read from one data folder.</summary>
public sealed class DataSet
{
    public List<DataFile<SourceFile>> Sources { get; } = [];
    public List<DataFile<ActorFile>> Actors { get; } = [];
    public List<DataFile<ProductFile>> Products { get; } = [];
    public List<DataFile<RelationshipFile>> Relationships { get; } = [];
    public List<DataFile<FrameworkFile>> Frameworks { get; } = [];
    public List<DataFile<EndorsementFile>> Endorsements { get; } = [];

    public int Count => Sources.Count + Actors.Count + Products.Count + Relationships.Count + Frameworks.Count + Endorsements.Count;
}
