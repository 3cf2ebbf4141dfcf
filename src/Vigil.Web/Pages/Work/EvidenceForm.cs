using Vigil.Features.Citations;

namespace Vigil.Web.Pages.Work;

/// <summary>
/// Evidence first: the part of every claim form (measure, relationship, product, endorsement) that names
/// the source, where in it, the passage and its credibility. Rendered by _EvidenceFieldset.
/// </summary>
public sealed class EvidenceForm
{
    public string? Source { get; set; }

    public string? Locator { get; set; }

    public string? Quote { get; set; }

    public int? Credibility { get; set; } = 2;

    /// <summary>The evidence for the use case; none when no source was named.</summary>
    public ClaimEvidence? ToEvidence() =>
        string.IsNullOrWhiteSpace(Source) ? null : new ClaimEvidence(Source, Locator, Quote, Credibility);

    /// <summary>The source field, with its error and candidates after a failed write.</summary>
    public Task<Picker> PickerAsync(Vigil.Features.Search.LookupHandler lookup, IReadOnlyDictionary<string, string[]>? errors, bool required, CancellationToken ct) =>
        Pickers.ForAsync(lookup, errors, "evidence.source", "Form.Evidence.Source", "source", "Source", "source", Source, required, ct);
}

/// <summary>What _EvidenceFieldset shows: the source picker, the values typed, and the use case's errors.</summary>
public sealed record EvidenceFields(Picker Source, EvidenceForm Values, IReadOnlyDictionary<string, string[]>? Errors)
{
    public string? Error(string field) => Errors is { } e && e.TryGetValue(field, out var m) ? string.Join(" ", m) : null;
}
