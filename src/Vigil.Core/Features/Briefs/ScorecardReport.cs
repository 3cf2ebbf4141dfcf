using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Commitments;
using Vigil.Model;

namespace Vigil.Features.Briefs;

/// <summary>
/// The quarterly scorecard report of a framework series: every endorser, its coverage and pillar scores,
/// the change since last quarter, contradictions, and the states' own reports beside ours. Scores are given
/// with their coverage and compared only where <see cref="BriefText.IsHeadline"/> allows.
/// </summary>
public sealed class ScorecardReportHandler(VigilDb db, ScorecardsHandler scorecards, TimeProvider clock)
{
    public async Task<BriefDocument?> HandleAsync(string series, string? quarter, CancellationToken ct = default)
    {
        if (await scorecards.HandleAsync(series, quarter, null, ct) is not { } set)
        {
            return null;
        }
        var notes = new BriefNotes(db);
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.Quarter == set.Quarter && a.Commitment!.Framework!.Series == series)
            .Select(a => new { a.Id, a.Actor!.Slug, a.Marking }).ToListAsync(ct);
        var reports = await db.NationalReports.AsNoTracking().Where(r => r.Quarter == set.Quarter && r.Commitment!.Framework!.Series == series)
            .Select(r => new { r.Id, r.Actor!.Slug, r.Marking }).ToListAsync(ct);
        await notes.LoadAsync(RecordKind.Assessment, assessments.Select(a => a.Id), ct);
        await notes.LoadAsync(RecordKind.NationalReport, reports.Select(r => r.Id), ct);
        var lines = set.Cards.Select(c =>
        {
            var mine = assessments.Where(a => a.Slug == c.ActorSlug).ToList();
            var theirs = reports.Where(r => r.Slug == c.ActorSlug).ToList();
            var score = c.Score is null ? "no score"
                : BriefText.IsHeadline(c.Rated, c.Commitments) ? $"score {BriefText.Score(c.Score)}, change {BriefText.Change(c.Change)} since {c.PreviousQuarter}"
                : $"score {BriefText.Score(c.Score)} over the rated commitments only";
            return new BriefLine($"{c.ActorName}: {BriefText.Coverage(c.Rated, c.Commitments)}; {score}; {BriefText.Count(c.Contradictions, "contradiction")}; "
                + $"{BriefText.Count(theirs.Count, "self-reported commitment")} in its national report.",
                notes.For(mine.Select(a => (RecordKind.Assessment, a.Id)).Concat(theirs.Select(r => (RecordKind.NationalReport, r.Id))), 3),
                BriefText.Max(mine.Select(a => a.Marking).Concat(theirs.Select(r => r.Marking))), $"/scorecards/{c.ActorSlug}",
                c.Pillars.Select(p => $"{p.Pillar}: {BriefText.Coverage(p.Rated, p.Commitments)}, score {BriefText.Score(p.Score)}, change {BriefText.Change(p.Change)}").ToList());
        }).ToList();
        var rated = set.Cards.Count(c => c.Rated > 0);
        var headline = set.Cards.Count(c => BriefText.IsHeadline(c.Rated, c.Commitments));
        var summary = new List<string>
        {
            $"{BriefText.Count(set.Cards.Count, "endorser")} of the {set.FrameworkName}; for {set.Quarter}, civil society has rated {rated} of them, "
            + $"{headline} on at least {BriefText.HeadlineShare:P0} of the commitments (enough for a score to compare).",
            $"{set.Cards.Sum(c => c.Contradictions)} contradictions between endorsements and later actions are recorded; "
            + $"{reports.Select(r => r.Slug).Distinct().Count()} endorsers filed a national report for the quarter.",
        };
        var sections = new List<BriefSection>
        {
            new("cards", "Endorsers", lines, "No endorser is recorded.",
                $"A score is the mean of the rated commitments' points (0–100); it is compared with last quarter only where at least {BriefText.HeadlineShare:P0} are rated."),
        };
        return new BriefDocument(BriefKinds.Scorecard, series, $"Quarterly scorecard: {set.FrameworkName}, {set.Quarter}",
            "How each endorser fulfils the framework, by pillar, with the states' own reports beside ours.",
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), await BriefNotes.DataVersionAsync(db, ct), db.Reader.Name, db.Reader.Clearance,
            summary, sections, notes.Footnotes);
    }
}
