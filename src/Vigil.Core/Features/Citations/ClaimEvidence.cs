using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Features.Search;
using Vigil.Model;

namespace Vigil.Features.Citations;

/// <summary>
/// Evidence first: the source a new claim rests on (its title, or its slug), where in it, the passage and
/// the credibility (1–6). Written with the claim, it becomes a citation of the new record, in review from the start, so that
/// the record can be published without a second step.
/// </summary>
public sealed record ClaimEvidence(string? Source = null, string? Locator = null, string? Quote = null, int? Credibility = null);

/// <summary>Turns <see cref="ClaimEvidence"/> into a citation of a record being written in the same save.</summary>
public static class ClaimEvidences
{
    /// <summary>
    /// Validates the evidence and adds its citation of <paramref name="subject"/> to the unit of work
    /// (saved with the subject; nothing is added when a field is wrong). Null evidence adds nothing.
    /// </summary>
    public static async Task<Citation?> AddAsync(
        ClaimEvidence? evidence, Record subject, VigilDb db, LookupHandler lookup, ValidationErrors errors, CancellationToken ct, string field = "evidence")
    {
        if (evidence is null || string.IsNullOrWhiteSpace(evidence.Source))
        {
            return null;
        }
        var found = await lookup.ResolveFieldAsync($"{field}.source", "source", evidence.Source, errors, ct);
        var locator = errors.Optional($"{field}.locator", evidence.Locator, 500);
        var quote = errors.Optional($"{field}.quote", evidence.Quote, 5000);
        var credibility = evidence.Credibility ?? 6;
        if (credibility is < 1 or > 6)
        {
            errors.Add($"{field}.credibility", "credibility must be 1 (confirmed) to 6 (cannot be judged).");
        }
        if (found is null || !errors.IsEmpty)
        {
            return null;
        }
        var source = await db.Sources.AsTracking().FirstAsync(s => s.Id == found.Id, ct);
        var citation = new Citation
        {
            Source = source,
            Locator = locator,
            Quote = quote,
            Credibility = credibility,
            Marking = subject.Marking,
            // The passage is complete when written: it goes to review at once, beside the claim it supports.
            Status = ReviewStatus.InReview,
        }.Cites(subject);
        citation.Slug = await Slugs.UniqueAsync(db, RecordKind.Citation,
            Truncate(source.Slug + "--" + Slugs.FromText(subject.Label)), ct);
        db.Add(citation);
        return citation;
    }

    private static string Truncate(string slug) => slug.Length <= Slugs.MaxLength - 10 ? slug : slug[..(Slugs.MaxLength - 10)].TrimEnd('-');
}
