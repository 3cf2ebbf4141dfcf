using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Relationships;

/// <summary>
/// An edge as a client writes it: <c>From</c> an actor slug, <c>To</c> an actor slug (a product slug for
/// develops and operates). <c>Version</c> on update only.
/// </summary>
public sealed record RelationshipInput(
    string? Type = null, string? From = null, string? To = null, string? Slug = null, string? Role = null, decimal? SharePercent = null,
    string? StartDate = null, string? EndDate = null, string? Confidence = null, string? Description = null,
    string? Marking = null, string? Status = null, int? Version = null);

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

    public static async Task ApplyAsync(RelationshipInput input, Relationship edge, VigilDb db, ValidationErrors errors, CancellationToken ct)
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
        if (from.Length > 0)
        {
            var actor = await db.Actors.AsTracking().FirstOrDefaultAsync(a => a.Slug == from, ct);
            if (actor is null)
            {
                errors.Add("from", $"There is no actor '{from}'.");
            }
            else
            {
                edge.FromActor = actor;
            }
        }
        var to = errors.Required("to", input.To, 200);
        if (to.Length > 0 && typeOk)
        {
            if (edge.Type.TargetsProduct())
            {
                var product = await db.Products.AsTracking().FirstOrDefaultAsync(p => p.Slug == to, ct);
                if (product is null)
                {
                    errors.Add("to", $"There is no product '{to}': {edge.Type.ToLabel()} points at a product.");
                }
                else
                {
                    (edge.ToActor, edge.ToActorId, edge.ToProduct) = (null, null, product);
                }
            }
            else
            {
                var actor = await db.Actors.AsTracking().FirstOrDefaultAsync(a => a.Slug == to, ct);
                if (actor is null)
                {
                    errors.Add("to", $"There is no actor '{to}'.");
                }
                else if (actor.Slug == from)
                {
                    errors.Add("to", "An actor cannot be related to itself.");
                }
                else
                {
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

/// <summary>Creates a relationship: a draft marked CLEAR unless the input says otherwise; slug from its ends and type.</summary>
public sealed class CreateRelationshipHandler(VigilDb db, GetRelationshipHandler get)
{
    public Task<WriteResult<RelationshipDetail>> HandleAsync(RelationshipInput input, CancellationToken ct = default)
    {
        var edge = new Relationship();
        return RecordWrites.CreateAsync(db, edge, input.Slug, errors => RelationshipInputs.ApplyAsync(input, edge, db, errors, ct),
            publishingNeedsCitation: true, slug => get.HandleAsync(slug, ct), ct);
    }
}
