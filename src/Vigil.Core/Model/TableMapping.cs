namespace Vigil.Model;

/// <summary>
/// A saved column mapping of the table import: which column of a CSV or XLSX file feeds which field of
/// the records it makes (<see cref="Target"/>: relationships or actors), kept by name so that the next
/// file from the same place maps in one step, from the web or the CLI. It holds column names only, no
/// data, so it carries no marking; editors read and write it.
/// </summary>
public sealed class TableMapping
{
    public long Id { get; set; }

    /// <summary>Unique, as people type it ("OCCRP contracts").</summary>
    public string Name { get; set; } = "";

    /// <summary>"relationships" or "actors".</summary>
    public string Target { get; set; } = "";

    /// <summary>Field key to column header, as JSON (<c>{"from":"Vendor","to":"Agency"}</c>).</summary>
    public string Columns { get; set; } = "{}";

    public string UpdatedBy { get; set; } = "";

    public DateTime UpdatedAt { get; set; }
}
