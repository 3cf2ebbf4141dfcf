namespace Vigil.Model;

/// <summary>
/// One entry of an outside screening list (the OFAC SDN list, an FtM sanctions export), kept for
/// screening apart from the knowledge graph. An entry becomes an actor of the graph (with a measure)
/// only when it is linked to one (a shared identifier, a reviewed match) or its programme is one Vigil
/// tracks (<c>Vigil:Screening:GraphPrograms</c>); <see cref="ActorId"/> then names that actor.
/// Multi-valued fields hold one value a line. Not a record of the graph: it has no marking (lists are
/// public) and no revisions; what a delta import changed is kept in <see cref="History"/>, one dated
/// note a line.
/// </summary>
public sealed class ListEntry
{
    public long Id { get; set; }

    /// <summary>The dataset, as yente names it: <c>us_ofac_sdn</c>, <c>opensanctions</c>.</summary>
    public string List { get; set; } = "";

    /// <summary>The entry's id on the list (OFAC ent_num, an FtM id).</summary>
    public string EntryId { get; set; } = "";

    /// <summary>The name as people write it ("Tal Jonathan DILIAN").</summary>
    public string Name { get; set; } = "";

    /// <summary>FollowTheMoney schema: Person, Company, Organization, PublicBody, Vessel, Airplane.</summary>
    public string Schema { get; set; } = "";

    /// <summary>Aliases, one a line.</summary>
    public string Aliases { get; set; } = "";

    /// <summary>Identifiers as <c>scheme:value</c>, one a line (<c>ofac:48059</c>).</summary>
    public string Identifiers { get; set; } = "";

    /// <summary>Programmes, one a line (CYBER2, SDGT…).</summary>
    public string Programmes { get; set; } = "";

    /// <summary>
    /// The source datasets the entry is on, as OpenSanctions names them (<c>us_ofac_sdn</c>, <c>eu_fsf</c>,
    /// <c>gb_hmt_sanctions</c>), one a line, sorted: an SDN entry's is <c>us_ofac_sdn</c>; an FtM entry's are the
    /// entity's own and its sanctions'. Screening's <c>datasets</c> filter selects by them (see <see cref="AllDatasets()"/>).
    /// Empty on an FtM entry stored before Vigil recorded them, until the next import fills it.
    /// </summary>
    public string Datasets { get; set; } = "";

    /// <summary>ISO 3166-1 codes, one a line.</summary>
    public string Countries { get; set; } = "";

    /// <summary>Date of birth or establishment (YYYY, YYYY-MM or YYYY-MM-DD).</summary>
    public string? Date { get; set; }

    /// <summary>The list's remarks, title or summary.</summary>
    public string? Remarks { get; set; }

    /// <summary>The date of the first snapshot that listed the entry (or listed it again).</summary>
    public string ListedDate { get; set; } = "";

    /// <summary>The date of the snapshot that no longer held it; null while listed.</summary>
    public string? DelistedDate { get; set; }

    /// <summary>The date of the newest snapshot applied to the entry (listing or delisting).</summary>
    public string SnapshotDate { get; set; } = "";

    /// <summary>The actor of the graph this entry is, when it is one.</summary>
    public long? ActorId { get; set; }

    public Actor? Actor { get; set; }

    /// <summary>What imports changed, one dated note a line ("2024-09-16: renamed from ZORSECURITY").</summary>
    public string History { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// The datasets the entry is in, as a screening result names them (yente returns an entity's datasets): its list
    /// first, then its source datasets. A <c>datasets</c> filter naming any of them selects the entry.
    /// </summary>
    public IReadOnlyList<string> AllDatasets() => AllDatasets(List, Datasets);

    /// <summary>As <see cref="AllDatasets()"/>, of an entry's list and source datasets read apart.</summary>
    public static IReadOnlyList<string> AllDatasets(string list, string datasets) => [list, .. Lines(datasets).Where(d => d != list)];

    public static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Join(IEnumerable<string> values) => string.Join('\n', values);
}
