namespace Vigil.Formats.VigilData;

// The YAML files of Vigil's data layout (data/README.md), one class per file kind. Property names
// are the file's field names in camelCase; unknown fields are errors, so a typo never passes silently.

/// <summary>data/sources/&lt;slug&gt;.yaml</summary>
public sealed class SourceFile
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    /// <summary>True when the title is the document's own headline, read on it; absent means not verified.</summary>
    public bool? TitleVerified { get; set; }
    public string? Publisher { get; set; }
    public string? Url { get; set; }
    public string? Kind { get; set; }
    /// <summary>primary | secondary | tertiary (default secondary).</summary>
    public string? Evidence { get; set; }
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

/// <summary>data/incidents/&lt;slug&gt;.yaml: an incident with its targets (by pseudonym; never a name).</summary>
public sealed class IncidentFile
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? FirstSeen { get; set; }
    public string? LastSeen { get; set; }
    public string? Disclosed { get; set; }
    public string? Country { get; set; }
    public string? ForensicStatus { get; set; }
    public string? Vector { get; set; }
    public List<string>? Products { get; set; }
    public List<string>? Vendors { get; set; }
    public List<OperatorEntry>? Operators { get; set; }
    public List<string>? Investigators { get; set; }
    public List<TargetEntry>? Targets { get; set; }
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
    public List<PartyEntry>? Parties { get; set; }
    public string? Marking { get; set; }
    public string? Status { get; set; }
    public List<CitationEntry>? Citations { get; set; }
}

public sealed class OperatorEntry
{
    public string? Actor { get; set; }
    public string? Confidence { get; set; }
    public string? Reasoning { get; set; }
}

/// <summary>A target in an incident file. There is deliberately no identity field: names never go in data files.</summary>
public sealed class TargetEntry
{
    public string? Pseudonym { get; set; }
    public string? Category { get; set; }
    public string? Residence { get; set; }
    public string? Nationality { get; set; }
    public string? Consent { get; set; }
    public string? Marking { get; set; }
}

/// <summary>A party of a case: an actor slug and its role (court, plaintiff, prosecutor, defendant, counsel).</summary>
public sealed class PartyEntry
{
    public string? Actor { get; set; }
    public string? Role { get; set; }
    public string? Note { get; set; }
}

/// <summary>A dated, cited step of a measure.</summary>
public sealed class StepEntry
{
    public string? Stage { get; set; }
    public string? Date { get; set; }
    public string? Source { get; set; }
    public string? Note { get; set; }
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

    /// <summary>Further sources for the framework, beside <see cref="Source"/> (optional: the source suffices).</summary>
    public List<CitationEntry>? Citations { get; set; }
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

    /// <summary>Further sources for the commitment, beside <see cref="Source"/>.</summary>
    public List<CitationEntry>? Citations { get; set; }
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

    /// <summary>
    /// The citation's TLP marking when it must be stricter than its record's (a source whose title
    /// identifies a target is cited at RED); none: the record's own.
    /// </summary>
    public string? Marking { get; set; }
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
    public List<DataFile<IncidentFile>> Incidents { get; } = [];
    public List<DataFile<MeasureFile>> Measures { get; } = [];

    public List<DataFile<FrameworkFile>> Frameworks { get; } = [];
    public List<DataFile<EndorsementFile>> Endorsements { get; } = [];

    public int Count => Sources.Count + Actors.Count + Products.Count + Relationships.Count + Incidents.Count + Measures.Count
        + Frameworks.Count + Endorsements.Count;
}
