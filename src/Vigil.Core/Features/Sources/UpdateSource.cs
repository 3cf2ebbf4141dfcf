using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;

namespace Vigil.Features.Sources;

/// <summary>
/// Replaces a source's fields. Needs the version the client read. A new title or address that names a
/// target of an incident citing the source below RED is refused (<see cref="Incidents.TargetNaming"/>).
/// </summary>
public sealed class UpdateSourceHandler(VigilDb db, GetSourceHandler get, Incidents.TargetNaming naming)
{
    public Task<WriteResult<SourceDetail>> HandleAsync(string idOrSlug, SourceInput input, CancellationToken ct = default) =>
        RecordWrites.UpdateAsync(db, db.Sources, idOrSlug, input.Version, input, input.Slug,
            async (source, errors) =>
            {
                SourceInputs.Apply(input, source, db, errors);
                var incidents = await db.Citations.IgnoreQueryFilters()
                    .Where(c => c.SourceId == source.Id && c.IncidentId != null && c.Marking < Model.Marking.Red)
                    .Select(c => c.IncidentId!.Value).Distinct().ToListAsync(ct);
                foreach (var incident in incidents)
                {
                    if (await naming.NamesATargetAsync(incident, [source.Title, source.Url], ct))
                    {
                        errors.Add("title", Incidents.TargetNaming.SourceRefusal);
                        break;
                    }
                }
            },
            hasCitations: null, key => get.HandleAsync(key, ct), ct);
}
