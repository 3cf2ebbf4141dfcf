namespace Vigil.Model;

/// <summary>
/// One saved change of one record: who, when, why, and each field's old and new value.
/// Written by <see cref="Data.VigilDb"/> on every save; never updated.
/// </summary>
public sealed class Revision
{
    public long Id { get; set; }

    public RecordKind RecordKind { get; set; }

    public long RecordId { get; set; }

    /// <summary>The record's version after this change.</summary>
    public int Version { get; set; }

    public DateTime At { get; set; }

    public string By { get; set; } = "";

    public string? Reason { get; set; }

    /// <summary>"create", "update" or "delete".</summary>
    public string Operation { get; set; } = "";

    /// <summary>The changed fields as JSON: <c>[{"field":"name","old":"A","new":"B"}]</c>.</summary>
    public string Changes { get; set; } = "[]";
}

/// <summary>One field's change inside a <see cref="Revision"/>.</summary>
public sealed record FieldChange(string Field, string? Old, string? New);
