using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Features.Search;
using Vigil.Model;

namespace Vigil.Features.Relationships;

/// <summary>Replaces a relationship's fields, ends included. Needs the version the client read.</summary>
public sealed class UpdateRelationshipHandler(VigilDb db, LookupHandler lookup, GetRelationshipHandler get)
{
    public async Task<WriteResult<RelationshipDetail>> HandleAsync(string idOrSlug, RelationshipInput input, CancellationToken ct = default)
    {
        // The ends as the writer resolved them: a held change is published as the writer meant it.
        var targetsProduct = RelationshipTypes.TryParse(input.Type, out var type) && type.TargetsProduct();
        input = input with
        {
            From = await lookup.CanonicalAsync("actor", input.From, ct),
            To = await lookup.CanonicalAsync(targetsProduct ? "product" : "actor", input.To, ct),
        };
        return await RecordWrites.UpdateAsync(db, db.Relationships, idOrSlug, input.Version, input with { Evidence = null }, input.Slug,
            (edge, errors) => RelationshipInputs.ApplyAsync(input with { Evidence = null }, edge, db, lookup, errors, ct),
            id => db.Citations.AnyAsync(c => c.RelationshipId == id, ct),
            key => get.HandleAsync(key, ct), ct);
    }
}
