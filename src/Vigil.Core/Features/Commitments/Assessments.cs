using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Commitments;

/// <summary>One step of the rating scale.</summary>
public sealed record RatingStepView(int Value, string Code, string Label, string Definition, int? Points);

/// <summary>The rating scale, read from its table (data, not code).</summary>
public sealed record RatingScale(IReadOnlyList<RatingStepView> Steps)
{
    public static async Task<RatingScale> LoadAsync(VigilDb db, CancellationToken ct) =>
        new(await db.RatingSteps.AsNoTracking().OrderBy(s => s.Value)
            .Select(s => new RatingStepView(s.Value, s.Code, s.Label, s.Definition, s.Points)).ToListAsync(ct));

    public string? LabelOf(int? value) => value is null ? null : Steps.FirstOrDefault(s => s.Value == value)?.Label ?? value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string? CodeOf(int? value) => value is null ? null : Steps.FirstOrDefault(s => s.Value == value)?.Code;

    public int? PointsOf(int? value) => value is null ? null : Steps.FirstOrDefault(s => s.Value == value)?.Points;

    /// <summary>The step a code ("limited") or number names.</summary>
    public RatingStepView? Find(string? text) =>
        Steps.FirstOrDefault(s => s.Code == text?.Trim().ToLowerInvariant() || s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) == text?.Trim());
}

/// <summary>Lists the rating scale.</summary>
public sealed class GetRatingScaleHandler(VigilDb db)
{
    public Task<RatingScale> HandleAsync(CancellationToken ct = default) => RatingScale.LoadAsync(db, ct);
}

/// <summary>An assessment row as lists and scorecards use it.</summary>
public sealed record AssessmentRow(
    long Id, string Slug, string ActorSlug, string ActorName, string? Country, string Series, string FrameworkName, string CommitmentSlug,
    string Code, string Pillar, string Quarter, int? Rating, bool? Verifiable, bool? ContradictingEvidence, string? Assessor,
    ReviewStatus Status, int Edition);

/// <summary>The assessments that stand for a quarter: per actor and commitment, the highest published edition.</summary>
public static class CurrentAssessments
{
    public static async Task<List<AssessmentRow>> OfQuarterAsync(VigilDb db, string quarter, long? actorId, CancellationToken ct, bool publishedOnly = true)
    {
        var q = db.Assessments.AsNoTracking().Where(a => a.Quarter == quarter && (publishedOnly ? a.Status == ReviewStatus.Published : a.Status != ReviewStatus.Retracted));
        if (actorId is { } id)
        {
            q = q.Where(a => a.ActorId == id);
        }
        var rows = await Rows(q).ToListAsync(ct);
        return rows.GroupBy(r => (r.ActorSlug, r.CommitmentSlug)).Select(g => g.MaxBy(r => r.Edition)!).ToList();
    }

    public static IQueryable<AssessmentRow> Rows(IQueryable<Assessment> q) => q.Select(a => new AssessmentRow(
        a.Id, a.Slug, a.Actor!.Slug, a.Actor.Name, a.Actor.Country, a.Commitment!.Framework!.Series, a.Commitment.Framework.Name, a.Commitment.Slug,
        a.Commitment.Code, a.Commitment.Pillar, a.Quarter, a.Rating, a.Verifiable, a.ContradictingEvidence, a.Assessor, a.Status, a.Edition));
}

/// <summary>Filters of the assessment list.</summary>
public sealed record ListAssessmentsQuery(string? Quarter = null, string? Actor = null, string? Status = null, int? Page = null, int? PageSize = null);

/// <summary>Lists assessments the reader may see, by actor and commitment, paged.</summary>
public sealed class ListAssessmentsHandler(VigilDb db)
{
    public async Task<ListResult<AssessmentRow>> HandleAsync(ListAssessmentsQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var (page, pageSize) = Paging.Normalise(query.Page, query.PageSize, errors);
        var status = errors.StatusFilter(query.Status);
        Quarter parsed = default;
        if (query.Quarter is not null && !Quarter.TryParse(query.Quarter, out parsed))
        {
            errors.Add("quarter", $"'{query.Quarter}' is not a quarter: write it as 2026Q1.");
        }
        if (!errors.IsEmpty)
        {
            return ListResult<AssessmentRow>.Invalid(errors);
        }
        var q = db.Assessments.AsNoTracking();
        if (query.Quarter is not null)
        {
            var code = parsed.ToString();
            q = q.Where(a => a.Quarter == code);
        }
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            q = q.Where(a => a.Actor!.Slug == query.Actor);
        }
        if (status is not null)
        {
            q = q.Where(a => a.Status == status);
        }
        var rows = await CurrentAssessments.Rows(q.OrderBy(a => a.Quarter).ThenBy(a => a.Actor!.Name).ThenBy(a => a.Commitment!.Position).ThenBy(a => a.Edition))
            .ToPageAsync(db, page, pageSize, ct);
        return new ListResult<AssessmentRow>(rows);
    }
}

/// <summary>An assessment with its citations and what words-vs-actions proposes as contradicting evidence.</summary>
public sealed record AssessmentDetail(
    AssessmentRow Row, string CommitmentText, string? Rating, string? RatingCode, string? Rationale, string? Marking,
    IReadOnlyList<CitationView> Citations, IReadOnlyList<ContradictionView> ProposedContradictions,
    string? Supersedes, string? SupersededBy, string? CarriedFrom, bool QuarterOpen, int Version, RatingScale Scale);

/// <summary>One assessment by slug or id.</summary>
public sealed class GetAssessmentHandler(VigilDb db, ContradictionsHandler contradictions)
{
    public async Task<AssessmentDetail?> HandleAsync(string idOrSlug, CancellationToken ct = default)
    {
        var a = await db.Assessments.AsNoTracking().ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct);
        if (a is null)
        {
            return null;
        }
        var row = (await CurrentAssessments.Rows(db.Assessments.Where(x => x.Id == a.Id)).FirstAsync(ct));
        var text = await db.Commitments.Where(c => c.Id == a.CommitmentId).Select(c => c.Text).FirstAsync(ct);
        var scale = await RatingScale.LoadAsync(db, ct);
        var citations = await db.Citations.Where(c => c.AssessmentId == a.Id).View().ToListAsync(ct);
        var quarter = Quarter.Parse(a.Quarter);
        var proposed = await contradictions.HandleAsync(row.ActorSlug, quarter.End, ct);
        var supersedes = a.SupersedesId is { } s ? await db.Assessments.Where(x => x.Id == s).Select(x => x.Slug).FirstOrDefaultAsync(ct) : null;
        var supersededBy = await db.Assessments.Where(x => x.SupersedesId == a.Id).Select(x => x.Slug).FirstOrDefaultAsync(ct);
        var carried = a.CarriedFromId is { } cf ? await db.Assessments.Where(x => x.Id == cf).Select(x => x.Slug).FirstOrDefaultAsync(ct) : null;
        var open = await db.Quarters.AnyAsync(x => x.Code == a.Quarter && x.State == QuarterState.Open, ct);
        return new AssessmentDetail(row, text, scale.LabelOf(a.Rating), scale.CodeOf(a.Rating), a.Rationale, a.Marking.ToLabel(), citations,
            proposed.Where(p => p.Series == row.Series).ToList(), supersedes, supersededBy, carried, open, a.Version, scale);
    }
}

/// <summary>What an assessor writes: rating (code or number), the two judgements, the rationale.</summary>
public sealed record AssessmentInput(
    string? Rating = null, bool? Verifiable = null, bool? ContradictingEvidence = null, string? Rationale = null, int? Version = null);

/// <summary>
/// An assessor rates a draft assessment. Published assessments never change (a correction is a new
/// edition, <see cref="CorrectAssessmentHandler"/>); a closed quarter's drafts no longer change either.
/// </summary>
public sealed class UpdateAssessmentHandler(VigilDb db, GetAssessmentHandler get)
{
    public async Task<WriteResult<AssessmentDetail>> HandleAsync(string idOrSlug, AssessmentInput input, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return WriteResult<AssessmentDetail>.Forbidden();
        }
        var a = await db.Assessments.AsTracking().ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct);
        if (a is null)
        {
            return WriteResult<AssessmentDetail>.NotFound();
        }
        var errors = new ValidationErrors();
        if (a.Status is ReviewStatus.Published or ReviewStatus.Retracted)
        {
            errors.Add("status", $"A {a.Status.ToLabel()} assessment is never changed: file a correction (a new edition that is reviewed and published in its turn).");
        }
        else if (!await db.Quarters.AnyAsync(x => x.Code == a.Quarter && x.State == QuarterState.Open, ct))
        {
            errors.Add("quarter", $"Quarter {a.Quarter} is not open: its drafts no longer change.");
        }
        if (input.Version is null || input.Version != a.Version)
        {
            errors.Add("version", $"Send the version you read (the assessment is at version {a.Version}).");
        }
        var scale = await RatingScale.LoadAsync(db, ct);
        if (input.Rating is { Length: > 0 } r)
        {
            if (scale.Find(r) is { } step)
            {
                a.Rating = step.Value;
            }
            else
            {
                errors.Add("rating", $"'{r}' is not on the scale: {string.Join(", ", scale.Steps.Select(s => s.Code))}.");
            }
        }
        a.Verifiable = input.Verifiable ?? a.Verifiable;
        a.ContradictingEvidence = input.ContradictingEvidence ?? a.ContradictingEvidence;
        if (input.Rationale is not null)
        {
            a.Rationale = errors.Optional("rationale", input.Rationale, 20000);
        }
        if (!errors.IsEmpty)
        {
            db.ChangeTracker.Clear();
            return WriteResult<AssessmentDetail>.Invalid(errors);
        }
        a.Assessor = db.Reader.Name;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return WriteResult<AssessmentDetail>.Updated((await get.HandleAsync(a.Slug, ct))!);
    }
}

/// <summary>
/// A correction of a published assessment: a new draft edition with the same content, that supersedes
/// the published one once a reviewer publishes it. The published one stays as it was, shown as corrected.
/// </summary>
public sealed class CorrectAssessmentHandler(VigilDb db, GetAssessmentHandler get)
{
    public async Task<WriteResult<AssessmentDetail>> HandleAsync(string idOrSlug, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return WriteResult<AssessmentDetail>.Forbidden();
        }
        var a = await db.Assessments.AsNoTracking().Include(x => x.Actor).Include(x => x.Commitment).ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct);
        if (a is null)
        {
            return WriteResult<AssessmentDetail>.NotFound();
        }
        var errors = new ValidationErrors();
        if (a.Status != ReviewStatus.Published)
        {
            errors.Add("status", "Only a published assessment is corrected; edit a draft directly.");
        }
        else if (await db.Assessments.AnyAsync(x => x.SupersedesId == a.Id, ct))
        {
            errors.Add("status", "This assessment already has a correction: edit or publish that one.");
        }
        if (!errors.IsEmpty)
        {
            return WriteResult<AssessmentDetail>.Invalid(errors);
        }
        var edition = await db.Assessments.Where(x => x.ActorId == a.ActorId && x.CommitmentId == a.CommitmentId && x.Quarter == a.Quarter).MaxAsync(x => x.Edition, ct) + 1;
        var correction = new Assessment
        {
            ActorId = a.ActorId, CommitmentId = a.CommitmentId, Quarter = a.Quarter, Edition = edition, SupersedesId = a.Id,
            Rating = a.Rating, Verifiable = a.Verifiable, ContradictingEvidence = a.ContradictingEvidence, Rationale = a.Rationale,
            Assessor = db.Reader.Name, Marking = a.Marking, Status = ReviewStatus.Draft,
            Slug = AssessmentSlugs.For(a.Actor!.Slug, a.Commitment!.Slug, a.Quarter, edition),
        };
        db.Assessments.Add(correction);
        db.ChangeReason = $"correction of {a.Slug}";
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return WriteResult<AssessmentDetail>.Created((await get.HandleAsync(correction.Slug, ct))!);
    }
}
