using System.Text.Json.Nodes;
using Vigil.Model;

namespace Vigil.Formats.Stix;

/// <summary>
/// TLP as STIX marking definitions. The TLP 2.0 extension's marking objects are not in the OASIS material
/// we carry (<c>shared/data/stix2</c> holds the STIX 2.1 schemas, which know the TLP 1.0 objects), so
/// Vigil writes the official TLP 1.0 marking definitions of the STIX 2.1 specification, with their
/// standard ids: CLEAR as TLP:WHITE, GREEN, AMBER and RED as themselves. TLP 2.0's AMBER+STRICT has no
/// TLP 1.0 object: it is written as TLP:AMBER plus a statement marking that says AMBER+STRICT, so that
/// no consumer reads it as less strict than AMBER.
/// </summary>
public static class StixMarkings
{
    public const string White = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9";
    public const string Green = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";
    public const string Amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";
    public const string Red = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";

    /// <summary>The statement marking for TLP 2.0 AMBER+STRICT (a Vigil object, deterministic id).</summary>
    public static readonly string AmberStrict = StixIds.Of("marking-definition", "tlp:amber+strict");

    /// <summary>The marking definitions a record of <paramref name="marking"/> refers to.</summary>
    public static IReadOnlyList<string> RefsOf(Marking marking) => marking switch
    {
        Marking.Clear => [White],
        Marking.Green => [Green],
        Marking.Amber => [Amber],
        Marking.AmberStrict => [Amber, AmberStrict],
        Marking.Red => [Red],
        _ => throw new ArgumentOutOfRangeException(nameof(marking)),
    };

    /// <summary>The official TLP ids, which a bundle may refer to without carrying the object.</summary>
    public static IReadOnlySet<string> Official { get; } = new HashSet<string>(StringComparer.Ordinal) { White, Green, Amber, Red };

    /// <summary>The marking-definition object of <paramref name="id"/>, as the specification writes it.</summary>
    public static JsonObject Definition(string id)
    {
        if (id == AmberStrict)
        {
            return new JsonObject
            {
                ["type"] = "marking-definition", ["spec_version"] = "2.1", ["id"] = id, ["created"] = "2022-08-01T00:00:00.000Z",
                ["name"] = "TLP:AMBER+STRICT", ["definition_type"] = "statement",
                ["definition"] = new JsonObject
                {
                    ["statement"] = "TLP:AMBER+STRICT (TLP 2.0): recipients may share this only within their own organisation, on a need-to-know basis.",
                },
            };
        }
        var (name, tlp) = id switch
        {
            White => ("TLP:WHITE", "white"),
            Green => ("TLP:GREEN", "green"),
            Amber => ("TLP:AMBER", "amber"),
            Red => ("TLP:RED", "red"),
            _ => throw new ArgumentOutOfRangeException(nameof(id)),
        };
        return new JsonObject
        {
            ["type"] = "marking-definition", ["spec_version"] = "2.1", ["id"] = id, ["created"] = "2017-01-20T00:00:00.000Z",
            ["definition_type"] = "tlp", ["name"] = name, ["definition"] = new JsonObject { ["tlp"] = tlp },
        };
    }
}
