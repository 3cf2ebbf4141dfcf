using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Measures;

/// <summary>A measure on an actor's timeline: imposed by it, or suffered by it.</summary>
public sealed record ActorMeasureEntry(
    string Slug, string Title, string Type, string Stage, RecordRef Authority, string? Programme, string? Since, string? LiftedDate,
    IReadOnlyList<MeasureStepView> Steps);

/// <summary>An actor's measures: those it imposed and those it suffered, each in date order.</summary>
public sealed record ActorMeasures(IReadOnlyList<ActorMeasureEntry> Imposed, IReadOnlyList<ActorMeasureEntry> Suffered)
{
    public bool IsEmpty => Imposed.Count == 0 && Suffered.Count == 0;
}

/// <summary>
/// The measures of one actor (by slug) for its page and the per-actor timeline. An authority such as
/// OFAC may have imposed thousands (an SDN import): <c>Limit</c> caps each list. Kept per data version and kind of
/// reader (<see cref="ReadResults"/>).
/// </summary>
public sealed class GetActorMeasuresHandler(VigilDb db)
{
    public async Task<ActorMeasures> HandleAsync(string actorSlug, int limit = 100, CancellationToken ct = default) =>
        (await ReadResults.GetOrComputeAsync(db, $"actor-measures\n{limit}\n{actorSlug}", () => ComputeAsync(actorSlug, limit, ct)!, ReadResultSize.Small))!;

    private async Task<ActorMeasures> ComputeAsync(string actorSlug, int limit, CancellationToken ct)
    {
        var imposed = await LoadAsync(db.Measures.Where(m => m.Authority!.Slug == actorSlug), limit, ct);
        var suffered = await LoadAsync(db.Measures.Where(m => db.MeasureTargets.Any(t => t.MeasureId == m.Id && t.Actor!.Slug == actorSlug)), limit, ct);
        return new ActorMeasures(imposed, suffered);
    }

    private async Task<List<ActorMeasureEntry>> LoadAsync(IQueryable<Measure> measures, int limit, CancellationToken ct)
    {
        var rows = await measures.OrderByDescending(m => m.EffectiveDate ?? m.AnnouncedDate).ThenByDescending(m => m.Id).Take(Math.Clamp(limit, 1, 500))
            .Select(m => new
            {
                m.Id, m.Slug, m.Title, m.Type, m.Stage, AuthoritySlug = m.Authority!.Slug, AuthorityName = m.Authority.Name, m.Programme,
                Since = m.EffectiveDate ?? m.AnnouncedDate, m.LiftedDate,
            }).ToListAsync(ct);
        if (rows.Count == 0)
        {
            // Most actors have no measures: their page asks no more.
            return [];
        }
        var ids = rows.Select(r => r.Id).ToList();
        var steps = (await db.MeasureSteps.Where(s => ids.Contains(s.MeasureId)).OrderBy(s => s.Date).ThenBy(s => s.Id)
            .Select(s => new { s.MeasureId, s.Stage, s.Date, s.Note, SourceSlug = s.Source != null ? s.Source.Slug : null, SourceTitle = s.Source != null ? Source.DisplayTitle(s.Source.Title, s.Source.TitleVerified, s.Source.Publisher, s.Source.Url) : null })
            .ToListAsync(ct)).ToLookup(s => s.MeasureId);
        return rows.Select(r => new ActorMeasureEntry(r.Slug, r.Title, r.Type.ToLabel(), r.Stage.ToLabel(), new RecordRef("actor", r.AuthoritySlug, r.AuthorityName, null),
            r.Programme, r.Since, r.LiftedDate,
            steps[r.Id].Select(s => new MeasureStepView(s.Stage.ToLabel(), s.Date, s.Note, s.SourceSlug is null ? null : new RecordRef("source", s.SourceSlug, s.SourceTitle!, null))).ToList()))
            .ToList();
    }
}
