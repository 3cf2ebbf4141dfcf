using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Commitments;

/// <summary>A quarter as the cycle pages show it.</summary>
public sealed record QuarterView(string Code, string State, DateTime OpenedAt, string OpenedBy, DateTime? ClosedAt, string? ClosedBy);

/// <summary>What opening a quarter did.</summary>
public sealed record OpenQuarterResult(QuarterView Quarter, int Created, int CarriedForward);

/// <summary>The current framework edition of each series: the latest published, else the latest.</summary>
internal static class FrameworkEditions
{
    public static async Task<Dictionary<string, Framework>> CurrentAsync(VigilDb db, CancellationToken ct)
    {
        var all = await db.Frameworks.AsNoTracking().Include(f => f.Commitments).Where(f => f.Status != ReviewStatus.Retracted).ToListAsync(ct);
        return all.GroupBy(f => f.Series).ToDictionary(g => g.Key, g =>
            g.Where(f => f.Status == ReviewStatus.Published).MaxBy(f => f.Edition) ?? g.MaxBy(f => f.Edition)!);
    }
}

/// <summary>
/// Opens a quarter: for every endorser and every commitment of the current edition of what it endorsed,
/// a draft assessment, carried forward from the last published assessment of the same actor and
/// commitment code in an earlier quarter (rating, judgements, rationale) so that quarters compare.
/// Citations are not carried: each quarter's rating needs its own evidence. Editors only.
/// </summary>
public sealed class OpenQuarterHandler(VigilDb db)
{
    public async Task<WriteResult<OpenQuarterResult>> HandleAsync(string code, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return WriteResult<OpenQuarterResult>.Forbidden();
        }
        var errors = new ValidationErrors();
        if (!Quarter.TryParse(code, out var quarter))
        {
            errors.Add("quarter", $"'{code}' is not a quarter: write it as 2026Q1.");
            return WriteResult<OpenQuarterResult>.Invalid(errors);
        }
        var q = quarter.ToString();
        if (await db.Quarters.AnyAsync(x => x.Code == q, ct))
        {
            errors.Add("quarter", $"Quarter {q} is already open or closed.");
            return WriteResult<OpenQuarterResult>.Invalid(errors);
        }
        var cycle = new QuarterCycle { Code = q, State = QuarterState.Open, OpenedAt = db.Now(), OpenedBy = db.Reader.Name };
        db.Quarters.Add(cycle);

        var current = await FrameworkEditions.CurrentAsync(db, ct);
        var endorsers = await db.Endorsements.AsNoTracking().Where(e => e.Status != ReviewStatus.Retracted)
            .Select(e => new Endorser(e.ActorId, e.Actor!.Slug, e.Framework!.Series)).ToListAsync(ct);
        var existing = await db.Assessments.AsNoTracking().Where(a => a.Quarter == q).Select(a => new { a.ActorId, a.CommitmentId }).ToListAsync(ct);
        var published = await db.Assessments.AsNoTracking().Where(a => a.Status == ReviewStatus.Published)
            .Select(a => new PriorAssessment(a.Id, a.ActorId, a.Commitment!.Framework!.Series, a.Commitment.Code, a.Quarter, a.Edition, a.Rating,
                a.Verifiable, a.ContradictingEvidence, a.Rationale, a.Assessor))
            .ToListAsync(ct);
        var markings = await db.Assessments.AsNoTracking().Where(a => a.Status == ReviewStatus.Published).Select(a => new { a.Id, a.Marking }).ToDictionaryAsync(a => a.Id, a => a.Marking, ct);
        var commitments = current.ToDictionary(f => f.Key, f => (IReadOnlyList<PlannedCommitment>)f.Value.Commitments
            .Where(c => c.Status != ReviewStatus.Retracted).Select(c => new PlannedCommitment(c.Id, c.Slug, c.Code, c.Position)).ToList());
        var plan = CarryForward.Plan(quarter, endorsers, commitments, published, existing.Select(a => (a.ActorId, a.CommitmentId)));
        var carried = 0;
        foreach (var p in plan)
        {
            var a = new Assessment
            {
                ActorId = p.Endorser.ActorId, CommitmentId = p.Commitment.Id, Quarter = q, Edition = 1, Status = ReviewStatus.Draft,
                Slug = AssessmentSlugs.For(p.Endorser.ActorSlug, p.Commitment.Slug, q, 1),
            };
            if (p.From is { } prev)
            {
                a.Rating = prev.Rating;
                a.Verifiable = prev.Verifiable;
                a.ContradictingEvidence = prev.ContradictingEvidence;
                a.Rationale = prev.Rationale;
                a.Assessor = prev.Assessor;
                a.Marking = markings[prev.Id];
                a.CarriedFromId = prev.Id;
                carried++;
            }
            db.Assessments.Add(a);
        }
        var created = plan.Count;
        db.ChangeReason = $"quarter {q} opened";
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return WriteResult<OpenQuarterResult>.Created(new OpenQuarterResult(QuarterCycles.View(cycle), created, carried));
    }
}

/// <summary>Closes an open quarter: its drafts can no longer be edited (published ones can still be corrected).</summary>
public sealed class CloseQuarterHandler(VigilDb db)
{
    public async Task<WriteResult<QuarterView>> HandleAsync(string code, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return WriteResult<QuarterView>.Forbidden();
        }
        var q = Quarter.TryParse(code, out var parsed) ? parsed.ToString() : code;
        var cycle = await db.Quarters.AsTracking().FirstOrDefaultAsync(x => x.Code == q, ct);
        if (cycle is null)
        {
            return WriteResult<QuarterView>.NotFound();
        }
        if (cycle.State == QuarterState.Closed)
        {
            var errors = new ValidationErrors();
            errors.Add("quarter", $"Quarter {q} is already closed.");
            return WriteResult<QuarterView>.Invalid(errors);
        }
        cycle.State = QuarterState.Closed;
        cycle.ClosedAt = db.Now();
        cycle.ClosedBy = db.Reader.Name;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return WriteResult<QuarterView>.Updated(QuarterCycles.View(cycle));
    }
}

/// <summary>The quarters, newest first.</summary>
public sealed class ListQuartersHandler(VigilDb db)
{
    public async Task<IReadOnlyList<QuarterView>> HandleAsync(CancellationToken ct = default) =>
        (await db.Quarters.AsNoTracking().ToListAsync(ct)).OrderByDescending(x => x.Code, StringComparer.Ordinal).Select(QuarterCycles.View).ToList();
}

internal static class QuarterCycles
{
    public static QuarterView View(QuarterCycle c) =>
        new(c.Code, c.State == QuarterState.Open ? "open" : "closed", c.OpenedAt, c.OpenedBy, c.ClosedAt, c.ClosedBy);
}

/// <summary>Slugs of assessments: actor, commitment, quarter, and the edition from the first correction on.</summary>
public static class AssessmentSlugs
{
    public static string For(string actorSlug, string commitmentSlug, string quarter, int edition)
    {
        var slug = $"{actorSlug}--{commitmentSlug}--{quarter.ToLowerInvariant()}" + (edition > 1 ? $"--e{edition}" : "");
        return slug.Length <= Slugs.MaxLength ? slug : slug[..Slugs.MaxLength].Trim('-');
    }
}

/// <summary>Progress of a quarter, counted per state and per researcher.</summary>
public sealed record ProgressRow(string Key, string Name, int Total, int ToDo, int Assessed, int InReview, int Published);

public sealed record QuarterProgress(QuarterView? Quarter, string Code, ProgressRow Overall, IReadOnlyList<ProgressRow> ByActor, IReadOnlyList<ProgressRow> ByResearcher);

/// <summary>
/// How far a quarter has got: "to do" is a draft with no rating or no rationale, "assessed" a draft with
/// both, then in review, then published. For those who see unpublished work (editors, reviewers).
/// </summary>
public sealed class QuarterProgressHandler(VigilDb db)
{
    public async Task<QuarterProgress?> HandleAsync(string code, CancellationToken ct = default)
    {
        if (!Quarter.TryParse(code, out var parsed) || !db.Reader.SeesUnpublished)
        {
            return null;
        }
        var q = parsed.ToString();
        var cycle = await db.Quarters.AsNoTracking().FirstOrDefaultAsync(x => x.Code == q, ct);
        var rows = await db.Assessments.AsNoTracking().Where(a => a.Quarter == q && a.Status != ReviewStatus.Retracted)
            .Select(a => new { ActorSlug = a.Actor!.Slug, ActorName = a.Actor.Name, a.Assessor, a.UpdatedBy, a.Status, a.Rating, a.Rationale })
            .ToListAsync(ct);
        ProgressRow Row<T>(string key, string name, IReadOnlyCollection<T> items, Func<T, ReviewStatus> status, Func<T, bool> assessed) => new(
            key, name, items.Count,
            items.Count(i => status(i) == ReviewStatus.Draft && !assessed(i)),
            items.Count(i => status(i) == ReviewStatus.Draft && assessed(i)),
            items.Count(i => status(i) == ReviewStatus.InReview),
            items.Count(i => status(i) == ReviewStatus.Published));
        var overall = Row("all", "All", rows, r => r.Status, r => r.Rating != null && !string.IsNullOrWhiteSpace(r.Rationale));
        var byActor = rows.GroupBy(r => (r.ActorSlug, r.ActorName)).OrderBy(g => g.Key.ActorName, StringComparer.InvariantCulture)
            .Select(g => Row(g.Key.ActorSlug, g.Key.ActorName, g.ToList(), r => r.Status, r => r.Rating != null && !string.IsNullOrWhiteSpace(r.Rationale))).ToList();
        var byResearcher = rows.GroupBy(r => r.Assessor ?? "(unassigned)").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g.Key, g.ToList(), r => r.Status, r => r.Rating != null && !string.IsNullOrWhiteSpace(r.Rationale))).ToList();
        return new QuarterProgress(cycle is null ? null : QuarterCycles.View(cycle), q, overall, byActor, byResearcher);
    }
}

/// <summary>One actor × commitment in two quarters.</summary>
public sealed record ComparisonRow(string ActorSlug, string ActorName, string Framework, string Code, string Pillar, string? RatingA, string? RatingB, int? Change);

public sealed record QuarterComparison(string A, string B, int Improved, int Worsened, int Unchanged, IReadOnlyList<ComparisonRow> Rows);

/// <summary>Compares the current published assessments of two quarters, matched by actor, framework series and commitment code.</summary>
public sealed class CompareQuartersHandler(VigilDb db)
{
    public async Task<QuarterComparison?> HandleAsync(string a, string b, CancellationToken ct = default)
    {
        if (!Quarter.TryParse(a, out var qa) || !Quarter.TryParse(b, out var qb))
        {
            return null;
        }
        var steps = await RatingScale.LoadAsync(db, ct);
        var ra = await CurrentAssessments.OfQuarterAsync(db, qa.ToString(), null, ct);
        var rb = await CurrentAssessments.OfQuarterAsync(db, qb.ToString(), null, ct);
        var keyed = rb.ToDictionary(r => (r.ActorSlug, r.Series, r.Code));
        var keys = ra.Select(r => (r.ActorSlug, r.Series, r.Code)).Union(keyed.Keys).ToList();
        var byA = ra.ToDictionary(r => (r.ActorSlug, r.Series, r.Code));
        var rows = keys.Select(k =>
        {
            byA.TryGetValue(k, out var x);
            keyed.TryGetValue(k, out var y);
            var any = x ?? y!;
            int? change = x?.Rating is { } r1 && y?.Rating is { } r2 ? r2 - r1 : null;
            return new ComparisonRow(any.ActorSlug, any.ActorName, any.FrameworkName, any.Code, any.Pillar,
                steps.LabelOf(x?.Rating), steps.LabelOf(y?.Rating), change);
        }).OrderBy(r => r.ActorName, StringComparer.InvariantCulture).ThenBy(r => r.Framework, StringComparer.InvariantCulture).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        return new QuarterComparison(qa.ToString(), qb.ToString(), rows.Count(r => r.Change > 0), rows.Count(r => r.Change < 0), rows.Count(r => r.Change == 0), rows);
    }
}
