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

/// <summary>data/measures/&lt;slug&gt;.yaml</summary>
public sealed class MeasureFile
{
    public string? Id { get; set; }
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Authority { get; set; }
    public List<string>? Targets { get; set; }
    public string? Programme { get; set; }
    public string? Reference { get; set; }
    public string? Announced { get; set; }
    public string? Effective { get; set; }
    public string? Lifted { get; set; }
    public string? Stage { get; set; }
    public string? Description { get; set; }
    public List<StepEntry>? Steps { get; set; }
    public string? Marking { get; set; }
    public string? Status { get; set; }
    public List<CitationEntry>? Citations { get; set; }
}

/// <summary>A dated, cited step of a measure.</summary>
public sealed class StepEntry
{
    public string? Stage { get; set; }
    public string? Date { get; set; }
    public string? Source { get; set; }
    public string? Note { get; set; }
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
    public List<DataFile<MeasureFile>> Measures { get; } = [];

    public int Count => Sources.Count + Actors.Count + Products.Count + Relationships.Count + Measures.Count;
}
