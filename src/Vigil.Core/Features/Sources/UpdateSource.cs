using Vigil.Data;
using Vigil.Features.Common;

namespace Vigil.Features.Sources;

/// <summary>Replaces a source's fields. Needs the version the client read.</summary>
public sealed class UpdateSourceHandler(VigilDb db, GetSourceHandler get)
{
    public Task<WriteResult<SourceDetail>> HandleAsync(string idOrSlug, SourceInput input, CancellationToken ct = default) =>
        RecordWrites.UpdateAsync(db, db.Sources, idOrSlug, input.Version, input, input.Slug,
            (source, errors) => { SourceInputs.Apply(input, source, db, errors); return Task.CompletedTask; },
            hasCitations: null, key => get.HandleAsync(key, ct), ct);
}
