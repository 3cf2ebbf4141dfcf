using Vigil.Features.Search;

namespace Vigil.Web.Pages.Work;

/// <summary>
/// A field that refers to a record (rendered by _RecordPicker): its form name, label, the lookup kind
/// (actor, state, source…), what was typed, the error, and the candidates when the name did not resolve.
/// </summary>
public sealed record Picker(
    string Name, string Id, string Label, string Kind, string? Value, string? Error = null,
    IReadOnlyList<LookupItem>? Candidates = null, bool Required = false);

/// <summary>Builds pickers for a form re-rendered after a failed write.</summary>
public static class Pickers
{
    /// <summary>
    /// The picker for <paramref name="field"/> (the use case's field name): with its error, and, when the
    /// typed name did not resolve, the records it may mean, asked of the same lookup the write used.
    /// </summary>
    public static async Task<Picker> ForAsync(
        LookupHandler lookup, IReadOnlyDictionary<string, string[]>? errors, string field, string name, string id, string label, string kind,
        string? value, bool required, CancellationToken ct)
    {
        var error = errors is not null && errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
        IReadOnlyList<LookupItem>? candidates = null;
        if (error is not null && !string.IsNullOrWhiteSpace(value))
        {
            candidates = (await lookup.ResolveAsync(kind, value, ct)).Candidates;
        }
        return new Picker(name, id, label, kind, value, error, candidates, required);
    }
}
