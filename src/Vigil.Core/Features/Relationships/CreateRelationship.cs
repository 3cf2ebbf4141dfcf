using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Citations;
using Vigil.Features.Common;
using Vigil.Features.Search;
using Vigil.Model;

namespace Vigil.Features.Relationships;

/// <summary>
/// An edge as a client writes it: <c>From</c> an actor, <c>To</c> an actor (a product for develops and
/// operates), each by name, alias or slug (an ambiguous or unknown name is an error that lists the
/// candidates). <c>Evidence</c> (create only) becomes the edge's first citation, so that the claim and the
/// passage it rests on are written together. <c>Version</c> on update only.
/// </summary>
public sealed record RelationshipInput(
    string? Type = null, string? From = null, string? To = null, string? Slug = null, string? Role = null, decimal? SharePercent = null,
    string? StartDate = null, string? EndDate = null, string? Confidence = null, string? Description = null,
    string? Marking = null, string? Status = null, int? Version = null, ClaimEvidence? Evidence = null);

/// <summary>Validation of <see cref="RelationshipInput"/>: both ends must exist and be visible to the writer.</summary>
public static class RelationshipInputs
{
    public static RelationshipType ParseType(string text, string field, ValidationErrors errors)
    {
        if (!RelationshipTypes.TryParse(text, out var type))
        {
            errors.Add(field, $"'{text}' is not a relationship type: {string.Join(", ", Enum.GetValues<RelationshipType>().Select(t => t.ToLabel()))}.");
        }
        return type;
    }

    public static async Task ApplyAsync(RelationshipInput input, Relationship edge, VigilDb db, LookupHandler lookup, ValidationErrors errors, CancellationToken ct)
    {
        var typeOk = !string.IsNullOrWhiteSpace(input.Type);
        if (typeOk)
        {
            var before = errors.Count;
            edge.Type = ParseType(input.Type!, "type", errors);
            typeOk = errors.Count == before;
        }
        else
        {
            errors.Add("type", "type is required.");
        }

        var from = errors.Required("from", input.From, 200);
        Actor? fromActor = null;
        if (from.Length > 0 && await lookup.ResolveFieldAsync("from", "actor", from, errors, ct) is { } fromItem)
        {
            fromActor = await db.Actors.AsTracking().FirstAsync(a => a.Id == fromItem.Id, ct);
            edge.FromActor = fromActor;
        }
        var to = errors.Required("to", input.To, 200);
        if (to.Length > 0 && typeOk)
        {
            if (edge.Type.TargetsProduct())
            {
                var before = errors.Count;
                if (await lookup.ResolveFieldAsync("to", "product", to, errors, ct) is { } productItem)
                {
                    var product = await db.Products.AsTracking().FirstAsync(p => p.Id == productItem.Id, ct);
                    (edge.ToActor, edge.ToActorId, edge.ToProduct) = (null, null, product);
                }
                else if (errors.Count > before)
                {
                    errors.Add("to", $"{edge.Type.ToLabel()} points at a product.");
                }
            }
            else if (await lookup.ResolveFieldAsync("to", "actor", to, errors, ct) is { } toItem)
            {
                if (fromActor is not null && toItem.Id == fromActor.Id)
                {
                    errors.Add("to", "An actor cannot be related to itself.");
                }
                else
                {
                    var actor = await db.Actors.AsTracking().FirstAsync(a => a.Id == toItem.Id, ct);
                    (edge.ToProduct, edge.ToProductId, edge.ToActor) = (null, null, actor);
                }
            }
        }

        edge.Role = errors.Optional("role", input.Role, 200);
        edge.SharePercent = input.SharePercent;
        if (input.SharePercent is { } share)
        {
            if (share is < 0 or > 100)
            {
                errors.Add("sharePercent", "sharePercent must be between 0 and 100.");
            }
            if (typeOk && edge.Type is not (RelationshipType.Owns or RelationshipType.InvestsIn))
            {
                errors.Add("sharePercent", "sharePercent applies only to owns and invests-in.");
            }
        }
        edge.StartDate = errors.PartialDate("startDate", input.StartDate);
        edge.EndDate = errors.PartialDate("endDate", input.EndDate);
        RecordWrites.DateOrder(edge.StartDate, edge.EndDate, "endDate", errors);
        if (!string.IsNullOrWhiteSpace(input.Confidence))
        {
            if (Confidences.TryParse(input.Confidence, out var confidence))
            {
                edge.Confidence = confidence;
            }
            else
            {
                errors.Add("confidence", $"'{input.Confidence}' is not a confidence: low, moderate or high.");
            }
        }
        edge.Description = errors.Optional("description", input.Description, 20_000);
        edge.Marking = RecordWrites.Marking(input.Marking, edge, db.Reader, errors);
        edge.Status = errors.Status(input.Status, edge.Id == 0 ? ReviewStatus.Draft : edge.Status);
    }
}

/// <summary>
/// Creates a relationship: a draft marked CLEAR unless the input says otherwise; slug from its ends and
/// type; evidence first, its first citation with it.
/// </summary>
public sealed class CreateRelationshipHandler(VigilDb db, LookupHandler lookup, GetRelationshipHandler get)
{
    public Task<WriteResult<RelationshipDetail>> HandleAsync(RelationshipInput input, CancellationToken ct = default)
    {
        var edge = new Relationship();
        return RecordWrites.CreateAsync(db, edge, input.Slug, async errors =>
            {
                await RelationshipInputs.ApplyAsync(input, edge, db, lookup, errors, ct);
                await ClaimEvidences.AddAsync(input.Evidence, edge, db, lookup, errors, ct);
            },
            publishingNeedsCitation: true, slug => get.HandleAsync(slug, ct), ct);
    }
}
