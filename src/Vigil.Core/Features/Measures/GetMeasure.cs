using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Measures;

/// <summary>A measure in full, as the reader may see it: targets and step sources hidden from the reader are absent.</summary>
public sealed record MeasureDetail(
    long Id, string Slug, string Title, string Type, string Stage, RecordRef Authority, string? Programme, string? Reference,
    string? AnnouncedDate, string? EffectiveDate, string? LiftedDate, string? Description, string Marking, ReviewStatus Status, int Version,
    DateTime UpdatedAt, string UpdatedBy, IReadOnlyList<RecordRef> Targets, IReadOnlyList<MeasureStepView> Steps, IReadOnlyList<CitationView> Citations)
{
    /// <summary>For a case: the court, plaintiffs or prosecutor, defendants and counsel, as the reader may see them.</summary>
    public IReadOnlyList<MeasurePartyView> Parties { get; init; } = [];
}

/// <summary>An actor's part in a case: role (court, plaintiff, prosecutor, defendant, counsel) and for whom.</summary>
public sealed record MeasurePartyView(string Role, RecordRef Actor, string? Note);

/// <summary>A dated step of a measure's life, with its source where the reader may see it.</summary>
public sealed record MeasureStepView(string Stage, string? Date, string? Note, RecordRef? Source);

/// <summary>Gets one measure by id or slug; null when there is none the reader may see.</summary>
public sealed class GetMeasureHandler(VigilDb db)
{
    public async Task<MeasureDetail?> HandleAsync(string idOrSlug, CancellationToken ct = default)
    {
        var m = await db.Measures.ByIdOrSlug(idOrSlug).AsNoTracking().Select(m => new
        {
            m.Id, m.Slug, m.Title, m.Type, m.Stage, AuthoritySlug = m.Authority!.Slug, AuthorityName = m.Authority.Name, AuthorityKind = m.Authority.ActorKind,
            m.Programme, m.Reference, m.AnnouncedDate, m.EffectiveDate, m.LiftedDate, m.Description, m.Marking, m.Status, m.Version, m.UpdatedAt, m.UpdatedBy,
        }).FirstOrDefaultAsync(ct);
        if (m is null)
        {
            return null;
        }
        var targets = await db.MeasureTargets.Where(t => t.MeasureId == m.Id).OrderBy(t => t.Actor!.Name)
            .Select(t => new { t.Actor!.Slug, t.Actor.Name, t.Actor.ActorKind }).ToListAsync(ct);
        var steps = await db.MeasureSteps.Where(s => s.MeasureId == m.Id).OrderBy(s => s.Date).ThenBy(s => s.Id)
            .Select(s => new { s.Stage, s.Date, s.Note, SourceSlug = s.Source != null ? s.Source.Slug : null, SourceTitle = s.Source != null ? Source.DisplayTitle(s.Source.Title, s.Source.TitleVerified, s.Source.Publisher, s.Source.Url) : null })
            .ToListAsync(ct);
        var citations = await db.Citations.Where(c => c.MeasureId == m.Id).View().ToListAsync(ct);
        var parties = await db.MeasureParties.Where(p => p.MeasureId == m.Id).OrderBy(p => p.Role).ThenBy(p => p.Actor!.Name)
            .Select(p => new { p.Role, p.Note, p.Actor!.Slug, p.Actor.Name, p.Actor.ActorKind }).ToListAsync(ct);
        return new MeasureDetail(m.Id, m.Slug, m.Title, m.Type.ToLabel(), m.Stage.ToLabel(),
            new RecordRef("actor", m.AuthoritySlug, m.AuthorityName, Labels.Kebab(m.AuthorityKind)), m.Programme, m.Reference,
            m.AnnouncedDate, m.EffectiveDate, m.LiftedDate, m.Description, m.Marking.ToLabel(), m.Status, m.Version, m.UpdatedAt, m.UpdatedBy,
            targets.Select(t => new RecordRef("actor", t.Slug, t.Name, Labels.Kebab(t.ActorKind))).ToList(),
            steps.Select(s => new MeasureStepView(s.Stage.ToLabel(), s.Date, s.Note,
                s.SourceSlug is null ? null : new RecordRef("source", s.SourceSlug, s.SourceTitle!, null))).ToList(),
            citations)
        {
            Parties = parties.Select(p => new MeasurePartyView(p.Role.ToLabel(), new RecordRef("actor", p.Slug, p.Name, Labels.Kebab(p.ActorKind)), p.Note)).ToList(),
        };
    }
}
