namespace Vigil.Features.Screening;

/// <summary>What of the screening lists goes into the knowledge graph (<c>Vigil:Screening</c>).</summary>
public sealed class ScreeningOptions
{
    public const string Section = "Vigil:Screening";

    /// <summary>
    /// The list programmes Vigil tracks, comma-separated: an entry listed under one of them becomes an
    /// actor of the graph with a measure; any other entry stays a list entry, for screening only, until
    /// it is linked to an actor. The default is the cyber-related programme as the SDN file writes it:
    /// CYBER2 (Executive Order 13694 as amended; 243 entries of the 2024-04-26 list), and CYBER, its
    /// earlier tag.
    /// </summary>
    public string GraphPrograms { get; set; } = "CYBER,CYBER2";

    /// <summary>The programmes of <see cref="GraphPrograms"/>.</summary>
    public IReadOnlySet<string> Tracked() =>
        GraphPrograms.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
