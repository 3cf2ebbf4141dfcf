using Vigil.Access;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Actors;

/// <summary>
/// An actor as a client writes it (create and update). Enumerations are text so that a wrong value is a
/// validation error naming the field, not an unreadable body. <c>Version</c> is required on update only.
/// </summary>
public sealed record ActorInput(
    string? Name = null, string? Kind = null, string? Slug = null, string? Country = null, bool? IsDependentTerritory = null,
    string? StartDate = null, string? EndDate = null, string? Description = null,
    IReadOnlyList<AliasInput>? Aliases = null, IReadOnlyList<IdentifierInput>? Identifiers = null,
    string? Marking = null, string? Status = null, int? Version = null);

public sealed record AliasInput(string? Name, string? Script = null, string? Language = null);

public sealed record IdentifierInput(string? Scheme, string? Value);

/// <summary>Validation of <see cref="ActorInput"/>, shared by create and update.</summary>
public static class ActorInputs
{
    public static ActorKind ParseKind(string? text, string field, ValidationErrors errors)
    {
        foreach (var kind in Enum.GetValues<ActorKind>())
        {
            if (string.Equals(Labels.Kebab(kind), text?.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(kind.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }
        errors.Add(field, $"'{text}' is not an actor kind: state, public-body, company, person or organisation.");
        return default;
    }

    /// <summary>Checks every field and copies the input onto <paramref name="actor"/> (which is only saved when there are no errors).</summary>
    public static void Apply(ActorInput input, Actor actor, Reader writer, ValidationErrors errors)
    {
        actor.Name = errors.Required("name", input.Name);
        actor.ActorKind = string.IsNullOrWhiteSpace(input.Kind)
            ? Fail(errors, "kind", "kind is required: state, public-body, company, person or organisation.")
            : ParseKind(input.Kind, "kind", errors);
        actor.Country = errors.Country("country", input.Country);
        actor.IsDependentTerritory = input.IsDependentTerritory ?? false;
        actor.StartDate = errors.PartialDate("startDate", input.StartDate);
        actor.EndDate = errors.PartialDate("endDate", input.EndDate);
        RecordWrites.DateOrder(actor.StartDate, actor.EndDate, "endDate", errors);
        actor.Description = errors.Optional("description", input.Description, 20_000);
        actor.Marking = RecordWrites.Marking(input.Marking, actor, writer, errors);
        actor.Status = errors.Status(input.Status, actor.Id == 0 ? ReviewStatus.Draft : actor.Status);

        errors.CountAtMost("aliases", input.Aliases?.Count ?? 0, InputGuard.MaxAliases, "aliases");
        errors.CountAtMost("identifiers", input.Identifiers?.Count ?? 0, InputGuard.MaxIdentifiers, "identifiers");
        var aliases = new List<ActorAlias>();
        foreach (var (alias, i) in (input.Aliases ?? []).Select((x, i) => (x, i)))
        {
            aliases.Add(new ActorAlias
            {
                Name = errors.Required($"aliases[{i}].name", alias?.Name),
                Script = errors.Optional($"aliases[{i}].script", alias?.Script, 4),
                Language = errors.Optional($"aliases[{i}].language", alias?.Language, 35),
            });
        }
        var identifiers = new List<ActorIdentifier>();
        foreach (var (id, i) in (input.Identifiers ?? []).Select((x, i) => (x, i)))
        {
            identifiers.Add(new ActorIdentifier
            {
                Scheme = errors.Required($"identifiers[{i}].scheme", id?.Scheme, 50).ToLowerInvariant(),
                Value = errors.Required($"identifiers[{i}].value", id?.Value, 200),
            });
        }
        // Owned rows are replaced only when the client sends the list; unchanged rows stay as they are,
        // so the revision records only what really changed.
        if (input.Aliases is not null)
        {
            actor.Aliases.RemoveAll(x => !aliases.Any(n => n.Name == x.Name && n.Script == x.Script && n.Language == x.Language));
            actor.Aliases.AddRange(aliases.Where(n => !actor.Aliases.Any(x => n.Name == x.Name && n.Script == x.Script && n.Language == x.Language)));
        }
        if (input.Identifiers is not null)
        {
            actor.Identifiers.RemoveAll(x => !identifiers.Any(n => n.Scheme == x.Scheme && n.Value == x.Value));
            actor.Identifiers.AddRange(identifiers.Where(n => !actor.Identifiers.Any(x => n.Scheme == x.Scheme && n.Value == x.Value)));
        }
    }

    private static ActorKind Fail(ValidationErrors errors, string field, string message)
    {
        errors.Add(field, message);
        return default;
    }
}

/// <summary>Creates an actor: a draft marked CLEAR unless the input says otherwise, with a slug made from its name when none is given.</summary>
public sealed class CreateActorHandler(VigilDb db, GetActorHandler get)
{
    public Task<WriteResult<ActorDetail>> HandleAsync(ActorInput input, CancellationToken ct = default)
    {
        var actor = new Actor();
        return RecordWrites.CreateAsync(db, actor, input.Slug,
            errors => { ActorInputs.Apply(input, actor, db.Reader, errors); return Task.CompletedTask; },
            publishingNeedsCitation: true, slug => get.HandleAsync(slug, ct), ct);
    }
}
