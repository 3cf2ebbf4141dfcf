namespace Vigil.Features.Commitments;

/// <summary>An actor's endorsement of a framework series, as the quarter plan needs it.</summary>
public sealed record Endorser(long ActorId, string ActorSlug, string Series);

/// <summary>A commitment of the current edition of a series.</summary>
public sealed record PlannedCommitment(long Id, string Slug, string Code, int Position);

/// <summary>A published assessment of an earlier quarter, which a new quarter may carry forward.</summary>
public sealed record PriorAssessment(
    long Id, long ActorId, string Series, string Code, string Quarter, int Edition, int? Rating, bool? Verifiable,
    bool? ContradictingEvidence, string? Rationale, string? Assessor);

/// <summary>One draft a new quarter creates, with the published assessment it starts from (if any).</summary>
public sealed record PlannedAssessment(Endorser Endorser, PlannedCommitment Commitment, PriorAssessment? From);

/// <summary>
/// What opening a quarter creates, as a pure function: a draft for every endorser and every commitment of
/// the current edition of what it endorsed, except those the quarter already has; each carries forward the
/// latest published assessment of the same actor, series and commitment code from an EARLIER quarter
/// (later quarters never leak back; the highest edition of a quarter is its correction). Matching on the
/// code rather than the commitment's id lets quarters compare across framework editions.
/// </summary>
public static class CarryForward
{
    public static IReadOnlyList<PlannedAssessment> Plan(
        Quarter quarter, IEnumerable<Endorser> endorsers, IReadOnlyDictionary<string, IReadOnlyList<PlannedCommitment>> commitmentsBySeries,
        IEnumerable<PriorAssessment> published, IEnumerable<(long ActorId, long CommitmentId)> existing)
    {
        var last = published
            .Where(p => Quarter.TryParse(p.Quarter, out var pq) && pq < quarter)
            .GroupBy(p => (p.ActorId, p.Series, p.Code))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => Quarter.Parse(p.Quarter)).ThenByDescending(p => p.Edition).First());
        var have = existing.ToHashSet();
        var plan = new List<PlannedAssessment>();
        foreach (var e in endorsers.DistinctBy(e => (e.ActorId, e.Series)))
        {
            if (!commitmentsBySeries.TryGetValue(e.Series, out var commitments))
            {
                continue;
            }
            foreach (var c in commitments.OrderBy(c => c.Position))
            {
                if (!have.Add((e.ActorId, c.Id)))
                {
                    continue;
                }
                plan.Add(new PlannedAssessment(e, c, last.GetValueOrDefault((e.ActorId, e.Series, c.Code))));
            }
        }
        return plan;
    }
}
