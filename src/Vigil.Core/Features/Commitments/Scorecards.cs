using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Commitments;

/// <summary>One rated commitment as the scorecard counts it: its pillar and the points of its rating.</summary>
public sealed record ScoredItem(string Pillar, string Code, int? Rating, int? Points);

/// <summary>A pillar's score (0–100, the mean of its rated commitments' points) and its change.</summary>
public sealed record PillarScore(string Pillar, int Commitments, int Rated, int NoEvidence, double? Score, double? Previous, double? Change);

/// <summary>An actor's scorecard for one framework series and quarter.</summary>
public sealed record Scorecard(
    string ActorSlug, string ActorName, string? Country, string Series, string Quarter, string PreviousQuarter,
    int Commitments, int Rated, double? Score, double? PreviousScore, double? Change, IReadOnlyList<PillarScore> Pillars, int Contradictions);

/// <summary>
/// Scorecard arithmetic, pure. A commitment is rated when its step has points ("no evidence" has none and
/// is counted apart, not as zero); a score is the mean of the rated commitments' points, rounded to one
/// decimal; with nothing rated there is no score (not zero). The change is this quarter's score minus the
/// previous quarter's, where both exist.
/// </summary>
public static class ScorecardMath
{
    public static double? Score(IEnumerable<ScoredItem> items)
    {
        var points = items.Where(i => i.Points is not null).Select(i => i.Points!.Value).ToList();
        return points.Count == 0 ? null : Math.Round(points.Average(), 1, MidpointRounding.AwayFromZero);
    }

    public static double? Change(double? now, double? before) =>
        now is { } n && before is { } b ? Math.Round(n - b, 1, MidpointRounding.AwayFromZero) : null;

    public static Scorecard Compute(
        string actorSlug, string actorName, string? country, string series, Quarter quarter,
        IReadOnlyCollection<ScoredItem> current, IReadOnlyCollection<ScoredItem> previous, int contradictions, int? commitments = null)
    {
        var pillars = current.Select(i => i.Pillar).Concat(previous.Select(i => i.Pillar)).Distinct(StringComparer.Ordinal)
            .Select(p =>
            {
                var now = current.Where(i => i.Pillar == p).ToList();
                var before = previous.Where(i => i.Pillar == p).ToList();
                var score = Score(now);
                var prev = Score(before);
                return new PillarScore(p, now.Count, now.Count(i => i.Points is not null), now.Count(i => i.Rating is not null && i.Points is null),
                    score, prev, Change(score, prev));
            })
            .ToList();
        var total = Score(current);
        var previousTotal = Score(previous);
        return new Scorecard(actorSlug, actorName, country, series, quarter.ToString(), quarter.Previous().ToString(),
            Math.Max(commitments ?? 0, current.Count), current.Count(i => i.Points is not null), total, previousTotal, Change(total, previousTotal), pillars, contradictions);
    }

    /// <summary>The scorecard as plain text (closing notes, the CLI).</summary>
    public static string ToText(Scorecard s)
    {
        static string F(double? v) => v is { } x ? x.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "—";
        static string C(double? v) => v is { } x ? (x > 0 ? "+" : "") + x.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
        var lines = new List<string>
        {
            $"{s.ActorName} — {s.Series}, {s.Quarter}: score {F(s.Score)} (was {F(s.PreviousScore)} in {s.PreviousQuarter}, change {C(s.Change)}); " +
            $"{s.Rated} of {s.Commitments} commitments rated; {s.Contradictions} contradiction(s)",
        };
        lines.AddRange(s.Pillars.Select(p => $"  {p.Pillar,-16} {F(p.Score),5}  change {C(p.Change),5}  rated {p.Rated}/{p.Commitments}" + (p.NoEvidence > 0 ? $", {p.NoEvidence} no evidence" : "")));
        return string.Join('\n', lines);
    }
}

/// <summary>The quarter scorecards are about when none is named: the latest quarter opened, else the current one.</summary>
internal static class ScorecardQuarters
{
    public static async Task<Quarter?> ResolveAsync(VigilDb db, string? text, TimeProvider clock, CancellationToken ct)
    {
        if (text is not null)
        {
            return Quarter.TryParse(text, out var q) ? q : null;
        }
        var codes = await db.Quarters.AsNoTracking().Select(x => x.Code).ToListAsync(ct);
        return codes.Count > 0 ? codes.Select(Quarter.Parse).Max() : Quarter.Of(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }
}

/// <summary>Every endorser's scorecard for a series and quarter, and the map's colouring data.</summary>
public sealed record ScorecardSet(string Series, string FrameworkName, string Quarter, IReadOnlyList<Scorecard> Cards);

/// <summary>
/// Scorecards of every endorser of a framework series (default the Pall Mall Code) in a quarter, from the
/// current published assessments of that quarter and the one before, with the contradictions words vs.
/// actions finds up to the quarter's end.
/// </summary>
public sealed class ScorecardsHandler(VigilDb db, ContradictionsHandler contradictions, TimeProvider clock)
{
    public const string DefaultSeries = "pall-mall-code";

    public async Task<ScorecardSet?> HandleAsync(string? series, string? quarter, string? actorSlug = null, CancellationToken ct = default)
    {
        series = string.IsNullOrWhiteSpace(series) ? DefaultSeries : series.Trim();
        if (await ScorecardQuarters.ResolveAsync(db, quarter, clock, ct) is not { } q)
        {
            return null;
        }
        var frameworkName = await db.Frameworks.AsNoTracking().Where(f => f.Series == series).OrderByDescending(f => f.Edition).Select(f => f.Name).FirstOrDefaultAsync(ct);
        if (frameworkName is null)
        {
            return null;
        }
        var endorsersQuery = db.Endorsements.AsNoTracking().Where(e => e.Framework!.Series == series && e.Status != ReviewStatus.Retracted);
        if (actorSlug is not null)
        {
            endorsersQuery = endorsersQuery.Where(e => e.Actor!.Slug == actorSlug);
        }
        var endorsers = (await endorsersQuery.Select(e => new { e.ActorId, e.Actor!.Slug, e.Actor.Name, e.Actor.Country }).ToListAsync(ct))
            .DistinctBy(e => e.ActorId).ToList();
        var scale = await RatingScale.LoadAsync(db, ct);
        var now = (await CurrentAssessments.OfQuarterAsync(db, q.ToString(), null, ct)).Where(r => r.Series == series).ToLookup(r => r.ActorSlug);
        var before = (await CurrentAssessments.OfQuarterAsync(db, q.Previous().ToString(), null, ct)).Where(r => r.Series == series).ToLookup(r => r.ActorSlug);
        var found = (await contradictions.HandleAsync(actorSlug, q.End, ct)).Where(c => c.Series == series).ToLookup(c => c.ActorSlug);
        // "Rated 3 of 21": out of the commitments of the framework's current version, not of the published assessments.
        var current = await FrameworkEditions.CurrentAsync(db, ct);
        int? total = current.TryGetValue(series, out var edition) ? edition.Commitments.Count(c => c.Status != ReviewStatus.Retracted) : null;
        List<ScoredItem> Items(IEnumerable<AssessmentRow> rows) => rows.Select(r => new ScoredItem(r.Pillar, r.Code, r.Rating, scale.PointsOf(r.Rating))).ToList();
        var cards = endorsers
            .Select(e => ScorecardMath.Compute(e.Slug, e.Name, e.Country, series, q, Items(now[e.Slug]), Items(before[e.Slug]), found[e.Slug].Count(), total))
            .OrderBy(c => c.ActorName, StringComparer.InvariantCulture).ToList();
        return new ScorecardSet(series, frameworkName, q.ToString(), cards);
    }
}

/// <summary>A state's or company's scorecard with its assessments, contradictions and (for states) national reports.</summary>
public sealed record ActorScorecard(
    string ActorSlug, string ActorName, string? Country, string Quarter, IReadOnlyList<Scorecard> Cards,
    IReadOnlyList<ScorecardLine> Lines, IReadOnlyList<ContradictionView> Contradictions);

/// <summary>One commitment in an actor's scorecard: civil society's rating beside the state's own claim.</summary>
public sealed record ScorecardLine(
    string Series, string FrameworkName, string Code, string Pillar, string CommitmentSlug, string? AssessmentSlug, string? Rating,
    string? PreviousRating, bool? Verifiable, bool? ContradictingEvidence, string? SelfRating, string? NationalReportSlug, bool Diverges);

/// <summary>One actor's scorecards for every framework it endorsed, line by line.</summary>
public sealed class ActorScorecardHandler(VigilDb db, ScorecardsHandler scorecards, ContradictionsHandler contradictions, TimeProvider clock)
{
    public async Task<ActorScorecard?> HandleAsync(string actorSlug, string? quarter, CancellationToken ct = default)
    {
        var actor = await db.Actors.AsNoTracking().Where(a => a.Slug == actorSlug).Select(a => new { a.Id, a.Slug, a.Name, a.Country }).FirstOrDefaultAsync(ct);
        if (actor is null || await ScorecardQuarters.ResolveAsync(db, quarter, clock, ct) is not { } q)
        {
            return null;
        }
        var series = await db.Endorsements.AsNoTracking().Where(e => e.ActorId == actor.Id && e.Status != ReviewStatus.Retracted)
            .Select(e => e.Framework!.Series).Distinct().ToListAsync(ct);
        var cards = new List<Scorecard>();
        foreach (var s in series.Order(StringComparer.Ordinal))
        {
            if (await scorecards.HandleAsync(s, q.ToString(), actorSlug, ct) is { Cards.Count: > 0 } set)
            {
                cards.AddRange(set.Cards);
            }
        }
        var scale = await RatingScale.LoadAsync(db, ct);
        var now = await CurrentAssessments.OfQuarterAsync(db, q.ToString(), actor.Id, ct);
        var before = (await CurrentAssessments.OfQuarterAsync(db, q.Previous().ToString(), actor.Id, ct)).ToDictionary(r => (r.Series, r.Code));
        var reports = (await db.NationalReports.AsNoTracking().Where(r => r.ActorId == actor.Id && r.Quarter == q.ToString())
            .Select(r => new { r.Slug, r.SelfRating, r.Commitment!.Code, r.Commitment.Pillar, CommitmentSlug = r.Commitment.Slug, r.Commitment.Framework!.Series, FrameworkName = r.Commitment.Framework.Name })
            .ToListAsync(ct))
            .ToDictionary(r => (r.Series, r.Code));
        var lines = now.OrderBy(r => r.Series, StringComparer.Ordinal).ThenBy(r => r.Pillar, StringComparer.Ordinal).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(r =>
            {
                before.TryGetValue((r.Series, r.Code), out var b);
                reports.TryGetValue((r.Series, r.Code), out var nr);
                var diverges = nr?.SelfRating is { } self && r.Rating is { } rating && self != rating;
                return new ScorecardLine(r.Series, r.FrameworkName, r.Code, r.Pillar, r.CommitmentSlug, r.Slug, scale.LabelOf(r.Rating), scale.LabelOf(b?.Rating),
                    r.Verifiable, r.ContradictingEvidence, scale.LabelOf(nr?.SelfRating), nr?.Slug, diverges);
            }).ToList();
        // A state's claim where civil society has published no rating yet is shown too, undisputed.
        var rated = now.Select(r => (r.Series, r.Code)).ToHashSet();
        lines.AddRange(reports.Values.Where(r => !rated.Contains((r.Series, r.Code))).OrderBy(r => r.Series, StringComparer.Ordinal).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new ScorecardLine(r.Series, r.FrameworkName, r.Code, r.Pillar, r.CommitmentSlug, null, null, null, null, null, scale.LabelOf(r.SelfRating), r.Slug, false)));
        var found = await contradictions.HandleAsync(actorSlug, q.End, ct);
        return new ActorScorecard(actor.Slug, actor.Name, actor.Country, q.ToString(), cards, lines, found);
    }
}

/// <summary>Scorecards as CSV: one row per actor and pillar, plus an "all" row per actor.</summary>
public static class ScorecardCsv
{
    public static string Write(ScorecardSet set)
    {
        static string N(double? v) => v?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "";
        static string Q(string? v) => Formats.CsvCells.Field(v);
        var sb = new System.Text.StringBuilder("actor,name,country,series,quarter,pillar,commitments,rated,score,previous_score,change,contradictions\n");
        foreach (var c in set.Cards)
        {
            var prefix = $"{Q(c.ActorSlug)},{Q(c.ActorName)},{Q(c.Country)},{Q(c.Series)},{c.Quarter}";
            sb.Append(prefix).Append($",all,{c.Commitments},{c.Rated},{N(c.Score)},{N(c.PreviousScore)},{N(c.Change)},{c.Contradictions}\n");
            foreach (var p in c.Pillars)
            {
                sb.Append(prefix).Append($",{Q(p.Pillar)},{p.Commitments},{p.Rated},{N(p.Score)},{N(p.Previous)},{N(p.Change)},\n");
            }
        }
        return sb.ToString();
    }
}
