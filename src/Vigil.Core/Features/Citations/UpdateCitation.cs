using Vigil.Data;
using Vigil.Features.Common;

namespace Vigil.Features.Citations;

/// <summary>Replaces a citation's fields. Needs the version the client read.</summary>
public sealed class UpdateCitationHandler(VigilDb db, GetCitationHandler get, Incidents.TargetNaming naming, Search.LookupHandler lookup)
{
    public async Task<WriteResult<CitationDetail>> HandleAsync(string idOrSlug, CitationInput input, CancellationToken ct = default)
    {
        // The source as the writer resolved it: a held change is published as the writer meant it.
        input = input with { Source = await lookup.CanonicalAsync("source", input.Source, ct) };
        return await RecordWrites.UpdateAsync(db, db.Citations, idOrSlug, input.Version, input, input.Slug,
            async (citation, errors) => await CitationInputs.ApplyAsync(input, citation, db, naming, errors, ct, lookup),
            hasCitations: null, key => get.HandleAsync(key, ct), ct);
    }
}
