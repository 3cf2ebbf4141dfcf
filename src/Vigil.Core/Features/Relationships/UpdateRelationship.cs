using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Features.Search;

namespace Vigil.Features.Relationships;

/// <summary>Replaces a relationship's fields, ends included. Needs the version the client read.</summary>
public sealed class UpdateRelationshipHandler(VigilDb db, LookupHandler lookup, GetRelationshipHandler get)
{
    public Task<WriteResult<RelationshipDetail>> HandleAsync(string idOrSlug, RelationshipInput input, CancellationToken ct = default) =>
        RecordWrites.UpdateAsync(db, db.Relationships, idOrSlug, input.Version, input with { Evidence = null }, input.Slug,
            (edge, errors) => RelationshipInputs.ApplyAsync(input with { Evidence = null }, edge, db, lookup, errors, ct),
            id => db.Citations.AnyAsync(c => c.RelationshipId == id, ct),
            key => get.HandleAsync(key, ct), ct);
}
