using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Features.Search;
using Vigil.Model;

namespace Vigil.Features.Commitments;

/// <summary>
/// An amendment as a client writes it: the new edition's date (required), name and description when they
/// change, the source of its wording (title or slug; left out: the amended edition's), the commitments
/// that change or are added (by code: a known code is reworded, a new one added) and the codes withdrawn.
/// <c>Version</c> is the version of the edition read, so that two amendments of one edition conflict.
/// </summary>
public sealed record FrameworkAmendment(
    string? Date = null, string? Name = null, string? Description = null, string? Source = null,
    IReadOnlyList<CommitmentChange>? Commitments = null, IReadOnlyList<string>? Withdrawn = null,
    string? Marking = null, int? Version = null);

/// <summary>A commitment of the new edition: <c>Code</c> ("A1") and its new wording; pillar and quote optional.</summary>
public sealed record CommitmentChange(string? Code = null, string? Text = null, string? Pillar = null, string? Quote = null);

/// <summary>
/// Amends a framework: never an edit of commitments that assessments already rate, but a new edition of
/// the same series (edition + 1, superseding the amended one) with a copy of every commitment, reworded,
/// added or withdrawn as the amendment says. The edition and its commitments are drafts until a reviewer
/// publishes the edition (its commitments follow it). Endorsements hold for the series.
/// </summary>
public sealed class AmendFrameworkHandler(VigilDb db, LookupHandler lookup, GetFrameworkHandler get)
{
    public async Task<WriteResult<FrameworkDetail>> HandleAsync(string idOrSlug, FrameworkAmendment input, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return WriteResult<FrameworkDetail>.Forbidden();
        }
        var amended = await db.Frameworks.AsNoTracking().ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct);
        if (amended is null)
        {
            return WriteResult<FrameworkDetail>.NotFound();
        }
        var errors = new ValidationErrors();
        if (input.Version is null)
        {
            errors.Add("version", "version is required: send the version of the edition you amend.");
            return WriteResult<FrameworkDetail>.Invalid(errors);
        }
        if (input.Version != amended.Version)
        {
            return WriteResult<FrameworkDetail>.Conflict((await get.HandleAsync(amended.Slug, ct))!, input);
        }
        // Hidden editions count too: the edition number is the series', whoever may read it.
        var last = await db.Frameworks.IgnoreQueryFilters().Where(f => f.Series == amended.Series).MaxAsync(f => f.Edition, ct);
        if (last != amended.Edition)
        {
            errors.Add("version", $"This is version {amended.Edition}; the series already has a version {last}. Amend the latest version.");
        }
        var oldCommitments = await db.Commitments.AsNoTracking()
            .Where(c => c.FrameworkId == amended.Id && c.Status != ReviewStatus.Retracted).OrderBy(c => c.Position).ToListAsync(ct);

        var framework = new Framework
        {
            Name = input.Name is null ? amended.Name : errors.Required("name", input.Name),
            FrameworkKind = amended.FrameworkKind,
            Series = amended.Series,
            Edition = last + 1,
            Date = errors.PartialDate("date", input.Date),
            Description = input.Description is null ? amended.Description : errors.Optional("description", input.Description, 20_000),
            Provenance = amended.Provenance,
            OwnerActorId = amended.OwnerActorId,
            SourceId = amended.SourceId,
            SupersedesId = amended.Id,
            Status = ReviewStatus.Draft,
        };
        if (framework.Date is null)
        {
            errors.Add("date", "date is required: when the amended version was adopted (YYYY, YYYY-MM or YYYY-MM-DD).");
        }
        RecordWrites.DateOrder(amended.Date, framework.Date, "date", errors);
        if (await lookup.ResolveFieldAsync("source", "source", input.Source, errors, ct) is { } source)
        {
            framework.SourceId = source.Id;
        }
        framework.Marking = RecordWrites.Marking(input.Marking ?? amended.Marking.ToLabel(), framework, db.Reader, errors);

        var withdrawn = (input.Withdrawn ?? []).Select(c => c.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var code in withdrawn.Where(c => !oldCommitments.Any(o => string.Equals(o.Code, c, StringComparison.OrdinalIgnoreCase))))
        {
            errors.Add("withdrawn", $"Version {amended.Edition} has no commitment '{code}'.");
        }
        var changes = input.Commitments ?? [];
        var commitments = oldCommitments.Where(o => !withdrawn.Contains(o.Code)).Select(o => new Commitment
        {
            Code = o.Code, Pillar = o.Pillar, PillarStated = o.PillarStated, Text = o.Text, Quote = o.Quote, Position = o.Position, SourceId = o.SourceId,
        }).ToList();
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var code = errors.Required($"commitments[{i}].code", change.Code, 20);
            var text = errors.Required($"commitments[{i}].text", change.Text, 5000);
            var kept = commitments.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));
            if (kept is null)
            {
                if (string.IsNullOrWhiteSpace(change.Pillar))
                {
                    errors.Add($"commitments[{i}].pillar", $"pillar is required for the new commitment '{code}'.");
                }
                kept = new Commitment { Code = code, Position = commitments.Count == 0 ? 1 : commitments.Max(c => c.Position) + 1, SourceId = framework.SourceId };
                commitments.Add(kept);
            }
            kept.Text = text;
            kept.Pillar = errors.Optional($"commitments[{i}].pillar", change.Pillar, 200) ?? kept.Pillar;
            kept.Quote = change.Quote is null ? kept.Quote : errors.Optional($"commitments[{i}].quote", change.Quote, 5000);
        }
        var slug = await Slugs.UniqueAsync(db, RecordKind.Framework, $"{amended.Series}-v{framework.Edition}", ct);
        return await RecordWrites.CreateAsync(db, framework, slug, async e =>
            {
                foreach (var (key, messages) in errors.ToDictionary())
                {
                    foreach (var m in messages)
                    {
                        e.Add(key, m);
                    }
                }
                if (!e.IsEmpty)
                {
                    return;
                }
                foreach (var c in commitments)
                {
                    c.Marking = framework.Marking;
                    c.Status = ReviewStatus.Draft;
                    c.Slug = await Slugs.UniqueAsync(db, RecordKind.Commitment, Slugs.FromText($"{slug}-{c.Code}"), ct);
                    framework.Commitments.Add(c);
                }
            },
            publishingNeedsCitation: false, s => get.HandleAsync(s, ct), ct);
    }
}
