using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Actors;

/// <summary>
/// Replaces an actor's fields with the input, which must carry the version the client read. Lists
/// (aliases, identifiers) left out of the input are kept; a slug left out is kept.
/// </summary>
public sealed class UpdateActorHandler(VigilDb db, GetActorHandler get)
{
    public async Task<WriteResult<ActorDetail>> HandleAsync(string idOrSlug, ActorInput input, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return WriteResult<ActorDetail>.Forbidden();
        }
        var actor = await db.Actors.AsTracking().ByIdOrSlug(idOrSlug)
            .Include(a => a.Aliases).Include(a => a.Identifiers).FirstOrDefaultAsync(ct);
        if (actor is null)
        {
            return WriteResult<ActorDetail>.NotFound();
        }
        var errors = new ValidationErrors();
        if (input.Version is null)
        {
            errors.Add("version", "version is required: send the version you read, so that a newer change is not overwritten.");
            return WriteResult<ActorDetail>.Invalid(errors);
        }
        if (input.Version != actor.Version)
        {
            return await Records.SaveUpdateAsync(db, actor, input.Version.Value, input, () => get.HandleAsync(actor.Slug, ct), ct);
        }
        var id = actor.Id;
        ActorInputs.Apply(input, actor, db.Reader, errors);
        if (actor.Status == ReviewStatus.Published && !await db.Citations.AnyAsync(c => c.ActorId == id, ct))
        {
            errors.Add("status", Publishing.NeedsCitation);
        }
        var slug = errors.Slug(input.Slug);
        if (slug is not null && await Slugs.TakenByOtherAsync(db, RecordKind.Actor, slug, id, ct))
        {
            errors.Add("slug", $"Another actor already has the slug '{slug}'.");
        }
        if (!errors.IsEmpty)
        {
            db.ChangeTracker.Clear();
            return WriteResult<ActorDetail>.Invalid(errors);
        }
        actor.Slug = slug ?? actor.Slug;
        return await Records.SaveUpdateAsync(db, actor, input.Version.Value, input, () => get.HandleAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct), ct);
    }
}
