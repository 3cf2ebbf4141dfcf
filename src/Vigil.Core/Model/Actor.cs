namespace Vigil.Model;

/// <summary>What sort of actor a record is.</summary>
public enum ActorKind
{
    State = 1,
    PublicBody = 2,
    Company = 3,
    Person = 4,
    Organisation = 5,
}

/// <summary>
/// A state, public body, company, person or organisation. Targets of spyware are never actors:
/// they are stored as protected targets of incidents.
/// </summary>
public sealed class Actor : Record
{
    public ActorKind ActorKind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>ISO 3166-1 alpha-2 code of the actor's country (for a state: itself).</summary>
    public string? Country { get; set; }

    /// <summary>For states: a dependent territory rather than a sovereign state.</summary>
    public bool IsDependentTerritory { get; set; }

    public string? Description { get; set; }

    /// <summary>Founded, born or established: a partial date (YYYY, YYYY-MM or YYYY-MM-DD).</summary>
    public string? StartDate { get; set; }

    /// <summary>Dissolved, died or ceased: a partial date.</summary>
    public string? EndDate { get; set; }

    public List<ActorAlias> Aliases { get; set; } = [];

    public List<ActorIdentifier> Identifiers { get; set; } = [];

    public override RecordKind Kind => RecordKind.Actor;

    public override string Label => Name;
}

/// <summary>Another name of an actor, with its script (ISO 15924) and language (BCP 47) where known.</summary>
public sealed class ActorAlias : IOwnedByRecord
{
    public long Id { get; set; }

    public long ActorId { get; set; }

    public Actor? Actor { get; set; }

    public string Name { get; set; } = "";

    public string? Script { get; set; }

    public string? Language { get; set; }

    Record? IOwnedByRecord.Owner => Actor;

    string IOwnedByRecord.OwnerField => "aliases";

    public string Describe() => Script is null && Language is null ? Name : $"{Name} ({Language}{(Script is null ? "" : "-" + Script)})";
}

/// <summary>
/// An identifier of an actor in another register. Schemes: <c>ofac</c>, <c>misp</c>, <c>wikidata</c>,
/// <c>opensanctions</c>, and <c>registry:CC</c> for a company register of country CC.
/// </summary>
public sealed class ActorIdentifier : IOwnedByRecord
{
    public long Id { get; set; }

    public long ActorId { get; set; }

    public Actor? Actor { get; set; }

    public string Scheme { get; set; } = "";

    public string Value { get; set; } = "";

    Record? IOwnedByRecord.Owner => Actor;

    string IOwnedByRecord.OwnerField => "identifiers";

    public string Describe() => $"{Scheme}:{Value}";
}
