using Vigil.Features.Actors;
using Vigil.Model;

namespace Vigil.Web.Pages.Actors;

/// <summary>What the actor form edits: the common fields, aliases one per line, and the version read.</summary>
public sealed class ActorForm
{
    public string? Name { get; set; }

    public string? Kind { get; set; } = "company";

    public string? Country { get; set; }

    public string? Description { get; set; }

    public string? Marking { get; set; } = "CLEAR";

    public string? Aliases { get; set; }

    public int? Version { get; set; }

    public static ActorForm From(ActorDetail a) => new()
    {
        Name = a.Name,
        Kind = Features.Common.Labels.Kebab(a.Kind),
        Country = a.Country,
        Description = a.Description,
        Marking = a.Marking,
        Aliases = string.Join('\n', a.Aliases.Select(x => x.Name)),
        Version = a.Version,
    };

    /// <summary>
    /// The input for the write path. Fields the form does not show (dates, identifiers, slug, status) keep
    /// their stored values; an alias line that names a stored alias keeps its script and language.
    /// </summary>
    public ActorInput ToInput(ActorDetail? stored) => new(
        Name: Name, Kind: Kind, Slug: stored?.Slug, Country: Country, IsDependentTerritory: stored?.IsDependentTerritory,
        StartDate: stored?.StartDate, EndDate: stored?.EndDate, Description: Description,
        Aliases: (Aliases ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .Select(n => stored?.Aliases.FirstOrDefault(x => x.Name == n) is { } kept ? new AliasInput(kept.Name, kept.Script, kept.Language) : new AliasInput(n))
            .ToList(),
        Identifiers: null, Marking: Marking,
        Status: stored is null ? "draft" : stored.Status.ToLabel(),
        Version: Version);
}
