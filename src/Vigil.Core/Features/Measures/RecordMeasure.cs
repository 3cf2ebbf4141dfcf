using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Citations;
using Vigil.Features.Common;
using Vigil.Features.Search;
using Vigil.Model;

namespace Vigil.Features.Measures;

/// <summary>
/// A measure as a client writes it. <c>Authority</c> and <c>Targets</c> name actors by name, alias or
/// slug (an ambiguous or unknown name is an error that lists the candidates). <c>Steps</c> are appended:
/// on create the first steps (left out: an "announced" and an "in force" step from the dates), on update
/// the new ones (a step once recorded is evidence and stays). The stage and the lifted date follow the
/// latest step. <c>Evidence</c> (create only) becomes the measure's first citation. <c>Version</c> on
/// update only; targets left out of an update are kept.
/// </summary>
public sealed record MeasureInput(
    string? Type = null, string? Title = null, string? Slug = null, string? Authority = null, IReadOnlyList<string>? Targets = null,
    string? Programme = null, string? Reference = null, string? AnnouncedDate = null, string? EffectiveDate = null,
    string? Description = null, IReadOnlyList<MeasureStepInput>? Steps = null, ClaimEvidence? Evidence = null,
    string? Marking = null, string? Status = null, int? Version = null);

/// <summary>
/// A dated step: <c>Stage</c> announced, in-force, lifted, expired, filed, ruling, appeal or closed; a
/// partial date; the source that evidences it (title or slug); a note.
/// </summary>
public sealed record MeasureStepInput(string? Stage = null, string? Date = null, string? Source = null, string? Note = null);

/// <summary>Validation of <see cref="MeasureInput"/>, shared by create, update and a new step.</summary>
public static class MeasureInputs
{
    public static async Task ApplyAsync(MeasureInput input, Measure measure, VigilDb db, LookupHandler lookup, ValidationErrors errors, CancellationToken ct)
    {
        if (!MeasureTerms.TryParse(input.Type, out MeasureType type))
        {
            errors.Add("type", string.IsNullOrWhiteSpace(input.Type)
                ? "type is required: sanction, visa-restriction, export-control-listing, procurement-ban, criminal-charge, lawsuit, regulation, investigation or other."
                : $"'{input.Type}' is not a measure type: sanction, visa-restriction, export-control-listing, procurement-ban, criminal-charge, lawsuit, regulation, investigation or other.");
        }
        measure.Type = type;
        measure.Title = errors.Required("title", input.Title);
        if (string.IsNullOrWhiteSpace(input.Authority))
        {
            errors.Add("authority", "authority is required: the state, agency, court or company that imposes the measure.");
        }
        else if (await lookup.ResolveFieldAsync("authority", "actor", input.Authority, errors, ct) is { } authority)
        {
            measure.AuthorityId = authority.Id;
        }
        if (input.Targets is not null)
        {
            var ids = new List<long>();
            for (var i = 0; i < input.Targets.Count; i++)
            {
                if (await lookup.ResolveFieldAsync($"targets[{i}]", "actor", input.Targets[i], errors, ct) is { } target && !ids.Contains(target.Id))
                {
                    ids.Add(target.Id);
                }
            }
            measure.Targets.RemoveAll(t => !ids.Contains(t.ActorId));
            measure.Targets.AddRange(ids.Where(id => !measure.Targets.Any(t => t.ActorId == id)).Select(id => new MeasureTarget { ActorId = id }));
        }
        measure.Programme = errors.Optional("programme", input.Programme, 300);
        measure.Reference = errors.Optional("reference", input.Reference, 300);
        measure.Description = errors.Optional("description", input.Description, 20_000);
        measure.AnnouncedDate = errors.PartialDate("announcedDate", input.AnnouncedDate);
        measure.EffectiveDate = errors.PartialDate("effectiveDate", input.EffectiveDate);
        RecordWrites.DateOrder(measure.AnnouncedDate, measure.EffectiveDate, "effectiveDate", errors);

        var steps = input.Steps ?? (measure.Id == 0 ? DefaultSteps(input) : []);
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (!MeasureTerms.TryParse(s.Stage, out MeasureStage stage))
            {
                errors.Add($"steps[{i}].stage", $"'{s.Stage}' is not a stage: announced, in-force, lifted, expired, filed, ruling, appeal or closed.");
            }
            var date = errors.PartialDate($"steps[{i}].date", s.Date);
            if (date is null)
            {
                errors.Add($"steps[{i}].date", "date is required: every step is dated (YYYY, YYYY-MM or YYYY-MM-DD).");
            }
            var source = await lookup.ResolveFieldAsync($"steps[{i}].source", "source", s.Source, errors, ct);
            measure.Steps.Add(new MeasureStep { Stage = stage, Date = date, SourceId = source?.Id, Note = errors.Optional($"steps[{i}].note", s.Note, 2000) });
        }
        if (measure.Steps.Count > 0)
        {
            // The latest step decides the stage; on one date the later-recorded step wins.
            var latest = measure.Steps.Select((s, i) => (s, i)).OrderBy(x => x.s.Date ?? "", StringComparer.Ordinal).ThenBy(x => x.i).Last().s;
            measure.Stage = latest.Stage;
            measure.LiftedDate = latest.Stage.IsEnded() ? latest.Date : null;
            measure.AnnouncedDate ??= measure.Steps.Where(s => s.Stage is MeasureStage.Announced or MeasureStage.Filed).Select(s => s.Date).Min(StringComparer.Ordinal);
            measure.EffectiveDate ??= measure.Steps.Where(s => s.Stage == MeasureStage.InForce).Select(s => s.Date).Min(StringComparer.Ordinal);
        }
        else
        {
            measure.Stage = measure.EffectiveDate is not null ? MeasureStage.InForce : MeasureStage.Announced;
        }
        measure.Marking = RecordWrites.Marking(input.Marking, measure, db.Reader, errors);
        measure.Status = errors.Status(input.Status, measure.Id == 0 ? ReviewStatus.Draft : measure.Status);
    }

    private static List<MeasureStepInput> DefaultSteps(MeasureInput input)
    {
        var steps = new List<MeasureStepInput>();
        if (!string.IsNullOrWhiteSpace(input.AnnouncedDate))
        {
            steps.Add(new MeasureStepInput("announced", input.AnnouncedDate, input.Evidence?.Source));
        }
        if (!string.IsNullOrWhiteSpace(input.EffectiveDate))
        {
            steps.Add(new MeasureStepInput("in-force", input.EffectiveDate, input.Evidence?.Source));
        }
        return steps;
    }
}

/// <summary>
/// Records a measure (a sanction, visa ban, listing, charge, lawsuit…) as a draft, with its first steps
/// and, evidence first, its first citation.
/// </summary>
public sealed class RecordMeasureHandler(VigilDb db, LookupHandler lookup, GetMeasureHandler get)
{
    public Task<WriteResult<MeasureDetail>> HandleAsync(MeasureInput input, CancellationToken ct = default)
    {
        var measure = new Measure();
        return RecordWrites.CreateAsync(db, measure, input.Slug, async errors =>
            {
                await MeasureInputs.ApplyAsync(input, measure, db, lookup, errors, ct);
                await ClaimEvidences.AddAsync(input.Evidence, measure, db, lookup, errors, ct);
            },
            publishingNeedsCitation: true, slug => get.HandleAsync(slug, ct), ct);
    }
}

/// <summary>
/// Updates a measure; new steps are appended. A published measure's change (a lifting, say) waits for a
/// reviewer. Needs the version the client read.
/// </summary>
public sealed class UpdateMeasureHandler(VigilDb db, LookupHandler lookup, GetMeasureHandler get)
{
    public Task<WriteResult<MeasureDetail>> HandleAsync(string idOrSlug, MeasureInput input, CancellationToken ct = default) =>
        RecordWrites.UpdateAsync(db, db.Measures.AsSplitQuery().Include(m => m.Targets).Include(m => m.Steps), idOrSlug, input.Version,
            input with { Evidence = null }, input.Slug,
            (measure, errors) => MeasureInputs.ApplyAsync(input with { Evidence = null }, measure, db, lookup, errors, ct),
            id => db.Citations.AnyAsync(c => c.MeasureId == id, ct),
            key => get.HandleAsync(key, ct), ct);
}

/// <summary>A new dated, sourced step of a measure's life: "lifted on 2026-03-01 (source)". Needs the version read.</summary>
public sealed record MeasureStepWrite(string? Stage = null, string? Date = null, string? Source = null, string? Note = null, int? Version = null);

/// <summary>
/// Adds a step to a measure (its lifting, a ruling, an appeal): the measure's other fields are kept, its
/// stage follows the latest step. On a published measure the step waits for a reviewer.
/// </summary>
public sealed class AddMeasureStepHandler(VigilDb db, UpdateMeasureHandler update)
{
    public async Task<WriteResult<MeasureDetail>> HandleAsync(string idOrSlug, MeasureStepWrite step, CancellationToken ct = default)
    {
        var m = await db.Measures.AsNoTracking().ByIdOrSlug(idOrSlug)
            .Select(m => new { m.Slug, m.Type, m.Title, Authority = m.Authority!.Slug, m.Programme, m.Reference, m.AnnouncedDate, m.EffectiveDate, m.Description, m.Marking, m.Status })
            .FirstOrDefaultAsync(ct);
        if (m is null)
        {
            return WriteResult<MeasureDetail>.NotFound();
        }
        var input = new MeasureInput(
            Type: m.Type.ToLabel(), Title: m.Title, Authority: m.Authority, Targets: null, Programme: m.Programme, Reference: m.Reference,
            AnnouncedDate: m.AnnouncedDate, EffectiveDate: m.EffectiveDate, Description: m.Description,
            Steps: [new MeasureStepInput(step.Stage, step.Date, step.Source, step.Note)],
            Marking: m.Marking.ToLabel(), Status: m.Status.ToLabel(), Version: step.Version);
        return await update.HandleAsync(m.Slug, input, ct);
    }
}
