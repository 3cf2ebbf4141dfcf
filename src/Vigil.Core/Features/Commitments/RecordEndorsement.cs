using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Citations;
using Vigil.Features.Common;
using Vigil.Features.Search;
using Vigil.Model;

namespace Vigil.Features.Commitments;

/// <summary>
/// An endorsement as a client writes it: the actor (a state or a company) and the framework, each by
/// name, alias or slug; the date it signed or adopted it (partial); a note; and, evidence first, the
/// source it rests on (<see cref="ClaimEvidence"/>), which becomes its first citation.
/// </summary>
public sealed record EndorsementInput(
    string? Actor = null, string? Framework = null, string? Date = null, string? Note = null, string? Slug = null,
    ClaimEvidence? Evidence = null, string? Marking = null, string? Status = null);

/// <summary>Records that an actor signed or adopted a framework: a draft, with its citation in review.</summary>
public sealed class RecordEndorsementHandler(VigilDb db, LookupHandler lookup, GetEndorsementHandler get)
{
    public Task<WriteResult<EndorsementView>> HandleAsync(EndorsementInput input, CancellationToken ct = default)
    {
        var endorsement = new Endorsement();
        return RecordWrites.CreateAsync(db, endorsement, input.Slug, async errors =>
            {
                if (string.IsNullOrWhiteSpace(input.Actor))
                {
                    errors.Add("actor", "actor is required: the state or company that signs or adopts the framework.");
                }
                else if (await lookup.ResolveFieldAsync("actor", "actor", input.Actor, errors, ct) is { } actor)
                {
                    endorsement.Actor = await db.Actors.AsTracking().FirstAsync(a => a.Id == actor.Id, ct);
                }
                if (string.IsNullOrWhiteSpace(input.Framework))
                {
                    errors.Add("framework", "framework is required.");
                }
                else if (await lookup.ResolveFieldAsync("framework", "framework", input.Framework, errors, ct) is { } framework)
                {
                    endorsement.Framework = await db.Frameworks.AsTracking().FirstAsync(f => f.Id == framework.Id, ct);
                    if (endorsement.Actor is { } a && await db.Endorsements.AnyAsync(e => e.ActorId == a.Id && e.Framework!.Series == endorsement.Framework.Series, ct))
                    {
                        errors.Add("framework", $"{a.Name} already endorses {endorsement.Framework.Name}.");
                    }
                }
                endorsement.Date = errors.PartialDate("date", input.Date);
                endorsement.Note = errors.Optional("note", input.Note, 2000);
                endorsement.Marking = RecordWrites.Marking(input.Marking, endorsement, db.Reader, errors);
                endorsement.Status = errors.Status(input.Status, ReviewStatus.Draft);
                await ClaimEvidences.AddAsync(input.Evidence, endorsement, db, lookup, errors, ct);
            },
            publishingNeedsCitation: true, slug => get.HandleAsync(slug, ct), ct);
    }
}

/// <summary>One endorsement with its citations; null when the reader may not see it.</summary>
public sealed class GetEndorsementHandler(VigilDb db)
{
    public async Task<EndorsementView?> HandleAsync(string idOrSlug, CancellationToken ct = default) =>
        (await Endorsements.OfAsync(db, db.Endorsements.ByIdOrSlug(idOrSlug), ct)).FirstOrDefault();
}
