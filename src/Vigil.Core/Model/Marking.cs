namespace Vigil.Model;

/// <summary>
/// Traffic Light Protocol 2.0 marking: who may see a record. The numeric order is the order of
/// sensitivity, so "visible" is a plain comparison <c>marking &lt;= clearance</c>.
/// </summary>
public enum Marking
{
    /// <summary>TLP:CLEAR, anyone.</summary>
    Clear = 0,
    /// <summary>TLP:GREEN, the community.</summary>
    Green = 1,
    /// <summary>TLP:AMBER, the organisation and its clients.</summary>
    Amber = 2,
    /// <summary>TLP:AMBER+STRICT, the organisation only.</summary>
    AmberStrict = 3,
    /// <summary>TLP:RED, named recipients only.</summary>
    Red = 4,
}

/// <summary>Reading and writing markings in their TLP 2.0 spelling ("CLEAR", "AMBER+STRICT").</summary>
public static class Markings
{
    /// <summary>All markings, least sensitive first.</summary>
    public static IReadOnlyList<Marking> All { get; } = Enum.GetValues<Marking>();

    /// <summary>The TLP 2.0 label, e.g. <c>AMBER+STRICT</c>.</summary>
    public static string ToLabel(this Marking marking) => marking switch
    {
        Marking.Clear => "CLEAR",
        Marking.Green => "GREEN",
        Marking.Amber => "AMBER",
        Marking.AmberStrict => "AMBER+STRICT",
        Marking.Red => "RED",
        _ => throw new ArgumentOutOfRangeException(nameof(marking)),
    };

    /// <summary>Parses a TLP label; accepts "TLP:" prefixes, any case, and "AMBER_STRICT".</summary>
    public static bool TryParse(string? text, out Marking marking)
    {
        var t = (text ?? "").Trim().ToUpperInvariant();
        if (t.StartsWith("TLP:", StringComparison.Ordinal))
        {
            t = t[4..];
        }
        switch (t)
        {
            case "CLEAR" or "WHITE": marking = Marking.Clear; return true;
            case "GREEN": marking = Marking.Green; return true;
            case "AMBER": marking = Marking.Amber; return true;
            case "AMBER+STRICT" or "AMBER_STRICT" or "AMBERSTRICT" or "AMBER-STRICT": marking = Marking.AmberStrict; return true;
            case "RED": marking = Marking.Red; return true;
            default: marking = Marking.Clear; return false;
        }
    }
}
