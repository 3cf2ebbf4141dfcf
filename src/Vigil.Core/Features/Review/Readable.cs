using System.Globalization;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>
/// Review and history in people's words: a key field ("toActorId 972") becomes the name of the record it
/// points at ("to actor: Hellenic Police"), and a marking says who would see the record. A record the
/// reader may not see reads "(not visible to you)": the access rule decides, as everywhere.
/// </summary>
public static class Readable
{
    /// <summary>Who may read a record at <paramref name="marking"/> once it is published.</summary>
    public static string Audience(Marking marking) => marking switch
    {
        Marking.Clear => "everyone, the public included",
        Marking.Green => "signed-in readers cleared GREEN or higher",
        Marking.Amber => "readers cleared AMBER or higher",
        Marking.AmberStrict => "readers cleared AMBER+STRICT or RED",
        _ => "readers cleared RED only",
    };

    /// <summary>The page (or, for kinds without one, the API answer) of a record.</summary>
    public static string Link(string type, string slug) => type switch
    {
        "actor" or "product" or "source" or "incident" or "measure" => $"/{type}s/{slug}",
        "framework" => $"/commitments/frameworks/{slug}",
        "relationship" => $"/relationships/{slug}",
        "reply-request" => $"/replies/{slug}",
        _ => $"/api/v1/{type}s/{slug}",
    };

    private static readonly Dictionary<string, (RecordKind Kind, string Field)> s_keys = new(StringComparer.Ordinal)
    {
        ["actorId"] = (RecordKind.Actor, "actor"),
        ["fromActorId"] = (RecordKind.Actor, "from actor"),
        ["toActorId"] = (RecordKind.Actor, "to actor"),
        ["authorityId"] = (RecordKind.Actor, "authority"),
        ["ownerActorId"] = (RecordKind.Actor, "owner"),
        ["productId"] = (RecordKind.Product, "product"),
        ["toProductId"] = (RecordKind.Product, "to product"),
        ["sourceId"] = (RecordKind.Source, "source"),
        ["answerSourceId"] = (RecordKind.Source, "answer"),
        ["incidentId"] = (RecordKind.Incident, "incident"),
        ["measureId"] = (RecordKind.Measure, "measure"),
        ["relationshipId"] = (RecordKind.Relationship, "relationship"),
        ["frameworkId"] = (RecordKind.Framework, "framework"),
        ["commitmentId"] = (RecordKind.Commitment, "commitment"),
    };

    /// <summary>Replaces key fields by the names of the records they point at (as the reader may see them).</summary>
    public static async Task<IReadOnlyList<FieldChange>> NamesAsync(VigilDb db, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (!changes.Any(c => s_keys.ContainsKey(c.Field) || MentionsActor(c.Old) || MentionsActor(c.New)))
        {
            return changes;
        }
        var result = new List<FieldChange>(changes.Count);
        foreach (var c in changes)
        {
            if (s_keys.TryGetValue(c.Field, out var key))
            {
                result.Add(new FieldChange(key.Field, await NameAsync(db, key.Kind, c.Old, ct), await NameAsync(db, key.Kind, c.New, ct)));
            }
            else
            {
                result.Add(c with { Old = await ActorMentionsAsync(db, c.Old, ct), New = await ActorMentionsAsync(db, c.New, ct) });
            }
        }
        return result;
    }

    // A measure's targets and parties are stored by id ("actor #17", "plaintiff actor #17 — note"; see
    // MeasureTarget.Describe): each mention reads as the actor's name, or as withheld.
    private static bool MentionsActor(string? value) => value is not null && value.Contains(ActorMention, StringComparison.Ordinal);

    private const string ActorMention = "actor #";

    private static async Task<string?> ActorMentionsAsync(VigilDb db, string? value, CancellationToken ct)
    {
        if (!MentionsActor(value))
        {
            return value;
        }
        var text = new System.Text.StringBuilder();
        var at = 0;
        while (value!.IndexOf(ActorMention, at, StringComparison.Ordinal) is var found and >= 0)
        {
            var digits = found + ActorMention.Length;
            var end = digits;
            while (end < value.Length && char.IsAsciiDigit(value[end]))
            {
                end++;
            }
            text.Append(value, at, found - at);
            text.Append(end > digits ? await NameAsync(db, RecordKind.Actor, value[digits..end], ct) : ActorMention);
            at = end;
        }
        return text.Append(value, at, value.Length - at).ToString();
    }

    private static async Task<string?> NameAsync(VigilDb db, RecordKind kind, string? id, CancellationToken ct)
    {
        if (id is null || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            return id;
        }
        var record = await ReviewRules.ReadAsync(db, kind, id, ct);
        return record is not null && record.Id == key ? record.Label : HistoryVisibility.Withheld;
    }
}
