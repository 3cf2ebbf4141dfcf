using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;

namespace Vigil.Features.Actors;

/// <summary>
/// Replaces an actor's fields with the input, which must carry the version the client read. Lists
/// (aliases, identifiers) left out of the input are kept; a slug left out is kept.
/// </summary>
public sealed class UpdateActorHandler(VigilDb db, GetActorHandler get)
{
    public Task<WriteResult<ActorDetail>> HandleAsync(string idOrSlug, ActorInput input, CancellationToken ct = default) =>
        RecordWrites.UpdateAsync(db, db.Actors.Include(a => a.Aliases).Include(a => a.Identifiers), idOrSlug, input.Version, input, input.Slug,
            (actor, errors) => { ActorInputs.Apply(input, actor, db.Reader, errors); return Task.CompletedTask; },
            id => db.Citations.AnyAsync(c => c.ActorId == id, ct),
            key => get.HandleAsync(key, ct), ct);
}
