using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;

namespace Vigil.Features.Relationships;

/// <summary>Replaces a relationship's fields, ends included. Needs the version the client read.</summary>
public sealed class UpdateRelationshipHandler(VigilDb db, GetRelationshipHandler get)
{
    public Task<WriteResult<RelationshipDetail>> HandleAsync(string idOrSlug, RelationshipInput input, CancellationToken ct = default) =>
        RecordWrites.UpdateAsync(db, db.Relationships, idOrSlug, input.Version, input, input.Slug,
            (edge, errors) => RelationshipInputs.ApplyAsync(input, edge, db, errors, ct),
            id => db.Citations.AnyAsync(c => c.RelationshipId == id, ct),
            key => get.HandleAsync(key, ct), ct);
}
