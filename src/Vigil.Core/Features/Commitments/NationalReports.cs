using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Commitments;

/// <summary>A national report as pages and the API show it.</summary>
public sealed record NationalReportView(
    long Id, string Slug, string ActorSlug, string ActorName, string? Country, string CommitmentSlug, string Code, string Pillar,
    string CommitmentText, string Quarter, string? SelfRating, string? Actions, string? Laws, string? Budgets, string? OversightBodies,
    IReadOnlyList<string> EvidenceLinks, string Status, int Version, DateTime UpdatedAt, string UpdatedBy);

/// <summary>What a focal point writes for one commitment and quarter. <c>Submit</c> sends it to review.</summary>
public sealed record NationalReportInput(
    string? SelfRating = null, string? Actions = null, string? Laws = null, string? Budgets = null, string? OversightBodies = null,
    string? EvidenceLinks = null, bool Submit = false, int? Version = null);

internal static class NationalReportViews
{
    public static async Task<List<NationalReportView>> LoadAsync(IQueryable<NationalReport> q, RatingScale scale, CancellationToken ct) =>
        (await q.Select(r => new
        {
            r.Id, r.Slug, ActorSlug = r.Actor!.Slug, ActorName = r.Actor.Name, r.Actor.Country, CommitmentSlug = r.Commitment!.Slug, r.Commitment.Code,
            r.Commitment.Pillar, r.Commitment.Text, r.Quarter, r.SelfRating, r.Actions, r.Laws, r.Budgets, r.OversightBodies, r.EvidenceLinks,
            r.Status, r.Version, r.UpdatedAt, r.UpdatedBy,
        }).ToListAsync(ct)).Select(r => new NationalReportView(
            r.Id, r.Slug, r.ActorSlug, r.ActorName, r.Country, r.CommitmentSlug, r.Code, r.Pillar, r.Text, r.Quarter, scale.LabelOf(r.SelfRating),
            r.Actions, r.Laws, r.Budgets, r.OversightBodies,
            (r.EvidenceLinks ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            r.Status.ToLabel(), r.Version, r.UpdatedAt, r.UpdatedBy)).ToList();
}

/// <summary>
/// National reports the reader may see: a focal point sees their own state's (drafts too) and no other;
/// everyone else sees them like any record. Filtered by country (ISO code) and quarter.
/// </summary>
public sealed class ListNationalReportsHandler(VigilDb db)
{
    public async Task<IReadOnlyList<NationalReportView>> HandleAsync(string? country, string? quarter, CancellationToken ct = default)
    {
        var q = db.NationalReports.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(country))
        {
            var code = country.Trim().ToUpperInvariant();
            q = q.Where(r => r.Actor!.Country == code);
        }
        if (Quarter.TryParse(quarter, out var parsed))
        {
            var code = parsed.ToString();
            q = q.Where(r => r.Quarter == code);
        }
        var scale = await RatingScale.LoadAsync(db, ct);
        // One state's quarter is some thirty rows; the cap keeps an unfiltered call bounded.
        return await NationalReportViews.LoadAsync(q.OrderBy(r => r.Quarter).ThenBy(r => r.Actor!.Name).ThenBy(r => r.Commitment!.Position).Take(500), scale, ct);
    }
}

/// <summary>One national report by id or slug.</summary>
public sealed class GetNationalReportHandler(VigilDb db)
{
    public async Task<NationalReportView?> HandleAsync(string idOrSlug, CancellationToken ct = default)
    {
        var id = await db.NationalReports.AsNoTracking().ByIdOrSlug(idOrSlug).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            return null;
        }
        var scale = await RatingScale.LoadAsync(db, ct);
        return (await NationalReportViews.LoadAsync(db.NationalReports.AsNoTracking().Where(r => r.Id == id), scale, ct)).First();
    }
}

/// <summary>
/// A focal point files or edits their state's report for one commitment and quarter: only the focal point
/// bound to that state, with a token that may write (<see cref="Access.Reader.FocalPointCountry"/>); nobody
/// else, editors included, writes a state's own claim. The commitment must belong to a framework the state
/// endorsed. Submitting sends the report to review; a reviewer publishes it through the four-eyes steps.
/// </summary>
public sealed class FileNationalReportHandler(VigilDb db, GetNationalReportHandler get)
{
    public async Task<WriteResult<NationalReportView>> HandleAsync(string country, string quarter, string commitmentSlug, NationalReportInput input, CancellationToken ct = default)
    {
        var code = country.Trim().ToUpperInvariant();
        if (db.Reader.FocalPointCountry is not { } own || own != code || db.Reader.ReadOnlyToken)
        {
            return WriteResult<NationalReportView>.Forbidden();
        }
        var errors = new ValidationErrors();
        if (!Quarter.TryParse(quarter, out var q))
        {
            errors.Add("quarter", $"'{quarter}' is not a quarter: write it as 2026Q1.");
            return WriteResult<NationalReportView>.Invalid(errors);
        }
        var state = await db.Actors.AsNoTracking().Where(a => a.Country == code && a.ActorKind == ActorKind.State).Select(a => new { a.Id, a.Slug }).FirstOrDefaultAsync(ct);
        var commitment = await db.Commitments.AsNoTracking().Where(c => c.Slug == commitmentSlug).Select(c => new { c.Id, c.Slug, c.Framework!.Series }).FirstOrDefaultAsync(ct);
        if (state is null || commitment is null)
        {
            return WriteResult<NationalReportView>.NotFound();
        }
        if (!await db.Endorsements.AnyAsync(e => e.ActorId == state.Id && e.Framework!.Series == commitment.Series && e.Status != ReviewStatus.Retracted, ct))
        {
            errors.Add("commitment", "Your state has not endorsed the framework this commitment belongs to.");
        }
        var qs = q.ToString();
        var report = await db.NationalReports.AsTracking().FirstOrDefaultAsync(r => r.ActorId == state.Id && r.CommitmentId == commitment.Id && r.Quarter == qs, ct);
        if (report is not null && input.Version != report.Version)
        {
            errors.Add("version", $"Send the version you read (the report is at version {report.Version}).");
        }
        var scale = await RatingScale.LoadAsync(db, ct);
        int? self = null;
        if (!string.IsNullOrWhiteSpace(input.SelfRating))
        {
            if (scale.Find(input.SelfRating) is { } step)
            {
                self = step.Value;
            }
            else
            {
                errors.Add("selfRating", $"'{input.SelfRating}' is not on the scale: {string.Join(", ", scale.Steps.Select(s => s.Code))}.");
            }
        }
        var links = (input.EvidenceLinks ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var link in links)
        {
            if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                errors.Add("evidenceLinks", $"'{link}' is not an http(s) link.");
            }
        }
        var actions = errors.Optional("actions", input.Actions, 20000);
        var laws = errors.Optional("laws", input.Laws, 20000);
        var budgets = errors.Optional("budgets", input.Budgets, 20000);
        var oversight = errors.Optional("oversightBodies", input.OversightBodies, 20000);
        if (!errors.IsEmpty)
        {
            db.ChangeTracker.Clear();
            return WriteResult<NationalReportView>.Invalid(errors);
        }
        var created = report is null;
        report ??= db.NationalReports.Add(new NationalReport
        {
            ActorId = state.Id, CommitmentId = commitment.Id, Quarter = qs, Status = ReviewStatus.Draft,
            Slug = $"{state.Slug}--{commitment.Slug}--{qs.ToLowerInvariant()}--report",
        }).Entity;
        report.SelfRating = self;
        report.Actions = actions;
        report.Laws = laws;
        report.Budgets = budgets;
        report.OversightBodies = oversight;
        report.EvidenceLinks = links.Length == 0 ? null : string.Join('\n', links);
        // A change to a report already reviewed goes back through review; a draft stays a draft until submitted.
        if (input.Submit || report.Status is ReviewStatus.Published or ReviewStatus.InReview)
        {
            report.Status = ReviewStatus.InReview;
        }
        db.ChangeReason = "national report filed by the focal point";
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var view = (await get.HandleAsync(report.Slug, ct))!;
        return created ? WriteResult<NationalReportView>.Created(view) : WriteResult<NationalReportView>.Updated(view);
    }
}

/// <summary>A commitment a focal point reports on, with the report already filed for the quarter (if any).</summary>
public sealed record ReportableCommitment(string Slug, string Series, string FrameworkName, string Code, string Pillar, string Text, NationalReportView? Report);

/// <summary>
/// The focal point's worksheet: every commitment of the current edition of each framework their state
/// endorsed, with this quarter's report where one is filed. Null for anyone but a focal point.
/// </summary>
public sealed class NationalReportWorksheetHandler(VigilDb db, ListNationalReportsHandler reports)
{
    public async Task<(string Country, string StateName, string Quarter, IReadOnlyList<ReportableCommitment> Items)?> HandleAsync(string? quarter, TimeProvider clock, CancellationToken ct = default)
    {
        if (db.Reader.FocalPointCountry is not { } country)
        {
            return null;
        }
        var q = Quarter.TryParse(quarter, out var parsed) ? parsed : Quarter.Of(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var state = await db.Actors.AsNoTracking().Where(a => a.Country == country && a.ActorKind == ActorKind.State).Select(a => new { a.Id, a.Name }).FirstOrDefaultAsync(ct);
        if (state is null)
        {
            return null;
        }
        var series = await db.Endorsements.AsNoTracking().Where(e => e.ActorId == state.Id && e.Status != ReviewStatus.Retracted).Select(e => e.Framework!.Series).Distinct().ToListAsync(ct);
        var current = await FrameworkEditions.CurrentAsync(db, ct);
        var filed = (await reports.HandleAsync(country, q.ToString(), ct)).ToDictionary(r => r.CommitmentSlug);
        var items = series.Where(current.ContainsKey).OrderBy(s => s, StringComparer.Ordinal)
            .SelectMany(s => current[s].Commitments.Where(c => c.Status != ReviewStatus.Retracted).OrderBy(c => c.Position)
                .Select(c => new ReportableCommitment(c.Slug, s, current[s].Name, c.Code, c.Pillar, c.Text, filed.GetValueOrDefault(c.Slug))))
            .ToList();
        return (country, state.Name, q.ToString(), items);
    }
}
