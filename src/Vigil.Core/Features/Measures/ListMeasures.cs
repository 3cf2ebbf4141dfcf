using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Measures;

/// <summary>Filters of the measure list; all optional. Authority and target are actors by name, alias or slug.</summary>
public sealed record ListMeasuresQuery(
    string? Type = null, string? Stage = null, string? Authority = null, string? Target = null, string? Programme = null,
    int? Page = null, int? PageSize = null);

/// <summary>A measure in a list.</summary>
public sealed record MeasureSummary(
    long Id, string Slug, string Title, string Type, string Stage, RecordRef Authority, string? Programme, string? Reference,
    string? AnnouncedDate, string? EffectiveDate, string? LiftedDate, ReviewStatus Status, string Marking);

/// <summary>Lists the measures the reader may see, newest announcement first, filtered.</summary>
public sealed class ListMeasuresHandler(VigilDb db, Search.LookupHandler lookup)
{
    public async Task<ListResult<MeasureSummary>> HandleAsync(ListMeasuresQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        // Pick by name: the authority and the target take a name, an alias or a slug.
        query = query with
        {
            Authority = await lookup.FilterSlugAsync("authority", "actor", query.Authority, errors, ct),
            Target = await lookup.FilterSlugAsync("target", "actor", query.Target, errors, ct),
        };
        var (page, pageSize) = Paging.Normalise(query.Page, query.PageSize, errors);
        MeasureType? type = null;
        if (!string.IsNullOrWhiteSpace(query.Type))
        {
            if (MeasureTerms.TryParse(query.Type, out MeasureType t))
            {
                type = t;
            }
            else
            {
                errors.Add("type", $"unknown measure type '{query.Type}' (sanction, visa-restriction, export-control-listing, procurement-ban, criminal-charge, lawsuit, regulation, investigation, other)");
            }
        }
        MeasureStage? stage = null;
        if (!string.IsNullOrWhiteSpace(query.Stage))
        {
            if (MeasureTerms.TryParse(query.Stage, out MeasureStage s))
            {
                stage = s;
            }
            else
            {
                errors.Add("stage", $"unknown stage '{query.Stage}' (announced, in-force, lifted, expired, filed, ruling, appeal, closed)");
            }
        }
        if (!errors.IsEmpty)
        {
            return ListResult<MeasureSummary>.Invalid(errors);
        }

        var measures = db.Measures.AsQueryable();
        if (type is not null)
        {
            measures = measures.Where(m => m.Type == type);
        }
        if (stage is not null)
        {
            measures = measures.Where(m => m.Stage == stage);
        }
        if (!string.IsNullOrWhiteSpace(query.Authority))
        {
            measures = measures.Where(m => m.Authority!.Slug == query.Authority);
        }
        if (!string.IsNullOrWhiteSpace(query.Target))
        {
            measures = measures.Where(m => db.MeasureTargets.Any(t => t.MeasureId == m.Id && t.Actor!.Slug == query.Target));
        }
        if (!string.IsNullOrWhiteSpace(query.Programme))
        {
            measures = measures.Where(m => m.Programme == query.Programme);
        }
        var rows = measures.OrderByDescending(m => m.AnnouncedDate).ThenByDescending(m => m.Id).Select(m => new MeasureSummary(
            m.Id, m.Slug, m.Title, m.Type.ToLabel(), m.Stage.ToLabel(),
            new RecordRef("actor", m.Authority!.Slug, m.Authority.Name, null),
            m.Programme, m.Reference, m.AnnouncedDate, m.EffectiveDate, m.LiftedDate, m.Status, m.Marking.ToLabel()));
        return new ListResult<MeasureSummary>(await rows.ToPageAsync(db, page, pageSize, ct));
    }
}
