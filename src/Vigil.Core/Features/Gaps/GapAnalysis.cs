using Vigil.Model;

namespace Vigil.Features.Gaps;

/// <summary>An actor as the gap analysis needs it.</summary>
public sealed record GapActor(long Id, string Slug, string Name, ActorKind Kind, string? Country);

/// <summary>A typed edge of the graph (from → to).</summary>
public sealed record GapEdge(long FromId, long ToId, RelationshipType Type);

/// <summary>A measure as the gap analysis needs it.</summary>
public sealed record GapMeasure(
    long Id, string Slug, string Title, MeasureType Type, long AuthorityId, string? Since, string? LiftedOn, bool Ended,
    IReadOnlyList<long> TargetIds);

/// <summary>The part of the graph the analysis reads: actors, edges, measures. Built by the handler, or by hand in tests.</summary>
public sealed record GapGraph(IReadOnlyList<GapActor> Actors, IReadOnlyList<GapEdge> Edges, IReadOnlyList<GapMeasure> Measures);

/// <summary>A state that may act: a state actor.</summary>
public sealed record Jurisdiction(string Slug, string Name, string? Country);

/// <summary>What to compute: one vendor, hops of network, which jurisdictions and measure types.</summary>
/// <remarks><c>GroupName</c> names the framework the jurisdictions signed, for the gap text.</remarks>
public sealed record GapQuery(string VendorSlug, int Hops, IReadOnlyList<string>? JurisdictionSlugs, IReadOnlyList<MeasureType>? Types,
    string? GroupName = null);

/// <summary>A member of the vendor's network, with how it is reached.</summary>
public sealed record NetworkMember(GapActor Actor, int Hops, string Path);

/// <summary>A measure in a cell: which, against whom, since when, by whom.</summary>
public sealed record CellMeasure(string MeasureSlug, string Title, MeasureType Type, string TargetSlug, string TargetName,
    string AuthoritySlug, string AuthorityName, string? Since, string? LiftedOn);

/// <summary>One cell: a jurisdiction × a measure type, over the whole network.</summary>
public sealed record GapCell(string Jurisdiction, MeasureType Type, IReadOnlyList<CellMeasure> InForce, IReadOnlyList<CellMeasure> Lifted)
{
    public bool Filled => InForce.Count > 0;

    /// <summary>Members covered by an in-force measure in this cell.</summary>
    public int MembersCovered => InForce.Select(m => m.TargetSlug).Distinct().Count();
}

/// <summary>A member that no measure covers while related members are measured.</summary>
public sealed record EvasionEntry(NetworkMember Member, IReadOnlyList<string> MeasuredRelated);

/// <summary>
/// A concrete gap: <see cref="Jurisdiction"/> has no measure against <see cref="Member"/>, which others
/// have measured (<see cref="Evidence"/>); <see cref="Related"/> are measured members close to it.
/// </summary>
public sealed record GapItem(Jurisdiction Jurisdiction, NetworkMember Member, IReadOnlyList<CellMeasure> Evidence,
    IReadOnlyList<string> Related, int Score, string Text);

/// <summary>The matrix for one vendor.</summary>
public sealed record GapMatrix(
    GapActor Vendor, int Hops, IReadOnlyList<NetworkMember> Network, IReadOnlyList<Jurisdiction> Jurisdictions,
    IReadOnlyList<MeasureType> Types, IReadOnlyList<GapCell> Cells, IReadOnlyList<CellMeasure> NonState,
    IReadOnlyList<EvasionEntry> EvasionSurface, IReadOnlyList<GapItem> Gaps)
{
    public GapCell Cell(string jurisdiction, MeasureType type) =>
        Cells.First(c => c.Jurisdiction == jurisdiction && c.Type == type);

    /// <summary>The ranked gaps of one jurisdiction.</summary>
    public IEnumerable<GapItem> GapsOf(string jurisdiction) => Gaps.Where(g => g.Jurisdiction.Slug == jurisdiction);
}

/// <summary>One vendor's row in a jurisdiction's view: its cells there (one per type), and how many of its network others have measured and it has not.</summary>
public sealed record JurisdictionRow(GapActor Vendor, int NetworkSize, IReadOnlyList<GapCell> Cells, int Gaps);

/// <summary>The gap view of one jurisdiction across vendors: a row per vendor whose network anyone has measured, and the ranked gaps (each member once).</summary>
public sealed record JurisdictionGaps(
    Jurisdiction Jurisdiction, int Hops, IReadOnlyList<MeasureType> Types, IReadOnlyList<JurisdictionRow> Rows, IReadOnlyList<GapItem> Gaps);

/// <summary>
/// The coordination-gap matrix: a pure function of a small graph. A vendor's network is the vendor and
/// every actor reached through ownership, subsidiaries, successors, officers, investors, brokers and
/// membership (part of), up to <see cref="GapQuery.Hops"/> edges in either direction; states and public
/// bodies are never members. A measure counts for a jurisdiction when its authority is that state, or a
/// public body that is part of it (followed up the part-of chain) or, failing that, has its country;
/// measures by companies, people or organisations (a company's lawsuit) are listed apart. Lifted,
/// expired and closed measures do not fill a cell; they are shown as lifted.
/// </summary>
public static class GapAnalysis
{
    /// <summary>The edge types a vendor's network follows.</summary>
    public static readonly IReadOnlySet<RelationshipType> NetworkTypes = new HashSet<RelationshipType>
    {
        RelationshipType.Owns, RelationshipType.SubsidiaryOf, RelationshipType.SuccessorOf, RelationshipType.OfficerOf,
        RelationshipType.InvestsIn, RelationshipType.BrokersFor, RelationshipType.PartOf,
    };

    private static readonly Dictionary<MeasureType, int> s_weight = new()
    {
        [MeasureType.Sanction] = 4, [MeasureType.ExportControlListing] = 3, [MeasureType.VisaRestriction] = 2,
        [MeasureType.CriminalCharge] = 2, [MeasureType.ProcurementBan] = 2,
    };

    public static GapMatrix Compute(GapGraph graph, GapQuery query, IReadOnlyList<Jurisdiction> allJurisdictions)
    {
        var actors = graph.Actors.ToDictionary(a => a.Id);
        var vendor = graph.Actors.FirstOrDefault(a => a.Slug == query.VendorSlug)
            ?? throw new ArgumentException($"no actor '{query.VendorSlug}' in the graph", nameof(query));
        var hops = Math.Clamp(query.Hops, 0, 6);
        var network = Network(graph, actors, vendor, hops);
        var memberIds = network.ToDictionary(m => m.Actor.Id);
        var types = query.Types is { Count: > 0 } t ? t.Distinct().Order().ToList() : Enum.GetValues<MeasureType>().ToList();
        var jurisdictions = query.JurisdictionSlugs is { } js
            ? allJurisdictions.Where(j => js.Contains(j.Slug)).ToList()
            : allJurisdictions.ToList();
        var jurisdictionBySlug = allJurisdictions.ToDictionary(j => j.Slug);
        var stateOf = StateResolver(graph, actors, allJurisdictions);

        // Every measure against a member, with the state it counts for (null: not a state's measure).
        var placed = new List<(string? State, CellMeasure Cell, bool Ended)>();
        foreach (var m in graph.Measures)
        {
            if (!actors.TryGetValue(m.AuthorityId, out var authority))
            {
                continue;
            }
            var state = stateOf(authority);
            foreach (var target in m.TargetIds.Where(memberIds.ContainsKey).Distinct())
            {
                var member = memberIds[target].Actor;
                placed.Add((state, new CellMeasure(m.Slug, m.Title, m.Type, member.Slug, member.Name, authority.Slug, authority.Name,
                    m.Since, m.LiftedOn), m.Ended));
            }
        }

        var cells = new List<GapCell>();
        foreach (var j in jurisdictions)
        {
            foreach (var type in types)
            {
                var here = placed.Where(p => p.State == j.Slug && p.Cell.Type == type).ToList();
                cells.Add(new GapCell(j.Slug, type,
                    Sorted(here.Where(p => !p.Ended).Select(p => p.Cell)), Sorted(here.Where(p => p.Ended).Select(p => p.Cell))));
            }
        }
        var nonState = Sorted(placed.Where(p => p.State is null).Select(p => p.Cell));

        // In-force state measures per member, over every jurisdiction (not only those shown).
        var active = placed.Where(p => p.State is not null && !p.Ended && types.Contains(p.Cell.Type)).ToList();
        var activeByMember = active.GroupBy(p => p.Cell.TargetSlug).ToDictionary(g => g.Key, g => g.ToList());
        var neighbours = Neighbours(graph, memberIds);

        var evasion = new List<EvasionEntry>();
        foreach (var member in network)
        {
            if (activeByMember.ContainsKey(member.Actor.Slug))
            {
                continue;
            }
            var measuredRelated = neighbours[member.Actor.Id].Select(id => memberIds[id].Actor)
                .Where(a => activeByMember.ContainsKey(a.Slug)).Select(a => a.Name).Order(StringComparer.Ordinal).ToList();
            if (measuredRelated.Count > 0)
            {
                evasion.Add(new EvasionEntry(member, measuredRelated));
            }
        }

        var gaps = new List<GapItem>();
        foreach (var j in jurisdictions)
        {
            foreach (var member in network)
            {
                if (!activeByMember.TryGetValue(member.Actor.Slug, out var measures))
                {
                    continue;
                }
                var byOthers = measures.Where(p => p.State != j.Slug).ToList();
                if (byOthers.Count == 0 || measures.Any(p => p.State == j.Slug))
                {
                    continue;
                }
                var evidence = Sorted(byOthers.Select(p => p.Cell));
                var states = byOthers.Select(p => p.State!).Distinct().ToList();
                var score = states.Count * 10 + byOthers.Max(p => s_weight.GetValueOrDefault(p.Cell.Type, 1)) * 3 - member.Hops
                    + (member.Actor.Kind == ActorKind.Person ? 0 : 1);
                // Related: measured members next to it (or next but one, through a shared parent).
                var near = neighbours[member.Actor.Id]
                    .Concat(neighbours[member.Actor.Id].SelectMany(n => neighbours[n]))
                    .Where(id => id != member.Actor.Id).Distinct()
                    .Select(id => memberIds[id]).Where(n => activeByMember.ContainsKey(n.Actor.Slug) && n.Actor.Kind != ActorKind.Person)
                    .OrderBy(n => n.Hops).ThenBy(n => n.Actor.Name, StringComparer.Ordinal).Select(n => n.Actor.Name).Take(5).ToList();
                var lead = evidence.OrderByDescending(e => s_weight.GetValueOrDefault(e.Type, 1)).ThenBy(e => e.Since ?? "9999", StringComparer.Ordinal).First();
                var leadState = stateOf(graph.Actors.First(a => a.Slug == lead.AuthoritySlug));
                var by = leadState is not null && jurisdictionBySlug.TryGetValue(leadState, out var ls) ? ls.Name : lead.AuthorityName;
                var others = states.Count > 1 ? $" (and measured by {states.Count - 1} other state{(states.Count > 2 ? "s" : "")})" : "";
                var signed = query.GroupName is null ? "" : $" (signatory of the {query.GroupName})";
                var text = $"{j.Name}{signed}: no measure against {member.Actor.Name}, {Verb(lead.Type)} by {by}{others}"
                    + (lead.Since is null ? "" : $" since {lead.Since}")
                    + (near.Count > 0 ? $"; related: {string.Join(", ", near)}" : "");
                gaps.Add(new GapItem(j, member, evidence, near, score, text));
            }
        }
        gaps = gaps.OrderBy(g => g.Jurisdiction.Name, StringComparer.Ordinal).ThenByDescending(g => g.Score)
            .ThenBy(g => g.Member.Hops).ThenBy(g => g.Member.Actor.Name, StringComparer.Ordinal).ToList();
        return new GapMatrix(vendor, hops, network, jurisdictions, types, cells, nonState, evasion, gaps);
    }

    /// <summary>
    /// One jurisdiction across vendors: <see cref="Compute"/> for each vendor restricted to the jurisdiction,
    /// keeping the vendors whose network has any measure (here or elsewhere), most gaps first. A member in
    /// several vendors' networks is one gap, under its best-scored reading.
    /// </summary>
    public static JurisdictionGaps ForJurisdiction(
        GapGraph graph, IEnumerable<string> vendorSlugs, string jurisdictionSlug, int hops, IReadOnlyList<MeasureType>? types,
        IReadOnlyList<Jurisdiction> allJurisdictions, string? groupName = null)
    {
        var jurisdiction = allJurisdictions.FirstOrDefault(j => j.Slug == jurisdictionSlug)
            ?? throw new ArgumentException($"no jurisdiction '{jurisdictionSlug}'", nameof(jurisdictionSlug));
        var rows = new List<JurisdictionRow>();
        var best = new Dictionary<string, GapItem>(StringComparer.Ordinal);
        IReadOnlyList<MeasureType>? shown = null;
        foreach (var vendor in vendorSlugs.Distinct(StringComparer.Ordinal))
        {
            if (!graph.Actors.Any(a => a.Slug == vendor))
            {
                continue;
            }
            var m = Compute(graph, new GapQuery(vendor, hops, [jurisdictionSlug], types, groupName), allJurisdictions);
            shown ??= m.Types;
            var gaps = m.GapsOf(jurisdictionSlug).ToList();
            var measured = m.Cells.Any(c => c.InForce.Count + c.Lifted.Count > 0) || gaps.Count > 0;
            if (!measured)
            {
                continue;
            }
            rows.Add(new JurisdictionRow(m.Vendor, m.Network.Count, m.Cells, gaps.Select(g => g.Member.Actor.Slug).Distinct().Count()));
            foreach (var g in gaps)
            {
                if (!best.TryGetValue(g.Member.Actor.Slug, out var known) || g.Score > known.Score)
                {
                    best[g.Member.Actor.Slug] = g;
                }
            }
        }
        var typeList = shown ?? (types is { Count: > 0 } t ? t.Distinct().Order().ToList() : Enum.GetValues<MeasureType>().ToList());
        return new JurisdictionGaps(jurisdiction, Math.Clamp(hops, 0, 6), typeList,
            rows.OrderByDescending(r => r.Gaps).ThenBy(r => r.Vendor.Name, StringComparer.Ordinal).ToList(),
            best.Values.OrderByDescending(g => g.Score).ThenBy(g => g.Member.Actor.Name, StringComparer.Ordinal).ToList());
    }

    /// <summary>How a measure reads in a sentence: "sanctioned", "listed for export control".</summary>
    public static string Verb(MeasureType type) => type switch
    {
        MeasureType.Sanction => "sanctioned",
        MeasureType.VisaRestriction => "under visa restrictions",
        MeasureType.ExportControlListing => "listed for export control",
        MeasureType.ProcurementBan => "barred from procurement",
        MeasureType.CriminalCharge => "charged",
        MeasureType.Lawsuit => "sued",
        MeasureType.Regulation => "regulated",
        MeasureType.Investigation => "investigated",
        _ => "subject to a measure",
    };

    private static List<CellMeasure> Sorted(IEnumerable<CellMeasure> cells) =>
        cells.DistinctBy(c => (c.MeasureSlug, c.TargetSlug)).OrderBy(c => c.Since ?? "9999", StringComparer.Ordinal)
            .ThenBy(c => c.TargetName, StringComparer.Ordinal).ThenBy(c => c.MeasureSlug, StringComparer.Ordinal).ToList();

    private static List<NetworkMember> Network(GapGraph graph, Dictionary<long, GapActor> actors, GapActor vendor, int hops)
    {
        var adjacency = new Dictionary<long, List<(long Other, string How)>>();
        foreach (var e in graph.Edges.Where(e => NetworkTypes.Contains(e.Type)))
        {
            if (!actors.TryGetValue(e.FromId, out var from) || !actors.TryGetValue(e.ToId, out var to))
            {
                continue;
            }
            Add(adjacency, e.FromId, e.ToId, $"{e.Type.ToInverseLabel()} {from.Name}");
            Add(adjacency, e.ToId, e.FromId, $"{e.Type.ToLabel()} {to.Name}");
        }
        var members = new List<NetworkMember> { new(vendor, 0, "the vendor") };
        var seen = new HashSet<long> { vendor.Id };
        var frontier = new List<long> { vendor.Id };
        for (var depth = 1; depth <= hops && frontier.Count > 0; depth++)
        {
            var next = new List<long>();
            foreach (var id in frontier)
            {
                foreach (var (other, how) in adjacency.GetValueOrDefault(id) ?? [])
                {
                    var actor = actors[other];
                    if (actor.Kind is ActorKind.State or ActorKind.PublicBody || !seen.Add(other))
                    {
                        continue;
                    }
                    // "how" reads from the member's side: Cytrox AD is "part-of Intellexa Consortium".
                    members.Add(new NetworkMember(actor, depth, how));
                    next.Add(other);
                }
            }
            frontier = next;
        }
        return members;

        static void Add(Dictionary<long, List<(long, string)>> adj, long from, long to, string how)
        {
            // Stored on the reached side: reaching "to" from "from" describes "to" by the edge's own label.
            if (!adj.TryGetValue(from, out var list))
            {
                adj[from] = list = [];
            }
            list.Add((to, how));
        }
    }

    private static Dictionary<long, List<long>> Neighbours(GapGraph graph, Dictionary<long, NetworkMember> members)
    {
        var result = members.Keys.ToDictionary(k => k, _ => new List<long>());
        foreach (var e in graph.Edges.Where(e => NetworkTypes.Contains(e.Type)))
        {
            if (members.ContainsKey(e.FromId) && members.ContainsKey(e.ToId) && e.FromId != e.ToId)
            {
                result[e.FromId].Add(e.ToId);
                result[e.ToId].Add(e.FromId);
            }
        }
        return result;
    }

    /// <summary>The state (jurisdiction slug) an authority acts for, or null for a non-state authority.</summary>
    private static Func<GapActor, string?> StateResolver(GapGraph graph, Dictionary<long, GapActor> actors, IReadOnlyList<Jurisdiction> jurisdictions)
    {
        var bySlug = jurisdictions.ToDictionary(j => j.Slug);
        var byCountry = jurisdictions.Where(j => j.Country is not null).GroupBy(j => j.Country!).ToDictionary(g => g.Key, g => g.First().Slug);
        var parents = graph.Edges.Where(e => e.Type == RelationshipType.PartOf).GroupBy(e => e.FromId)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ToId).ToList());
        var cache = new Dictionary<long, string?>();
        return actor =>
        {
            if (cache.TryGetValue(actor.Id, out var known))
            {
                return known;
            }
            string? found = null;
            if (actor.Kind == ActorKind.State)
            {
                found = bySlug.ContainsKey(actor.Slug) ? actor.Slug : actor.Country is { } c ? byCountry.GetValueOrDefault(c) : null;
            }
            else if (actor.Kind == ActorKind.PublicBody)
            {
                // Up the part-of chain to a state (OFAC → Treasury → United States).
                var seen = new HashSet<long> { actor.Id };
                var level = new List<long> { actor.Id };
                for (var depth = 0; depth < 6 && found is null && level.Count > 0; depth++)
                {
                    level = level.SelectMany(id => parents.GetValueOrDefault(id) ?? []).Where(seen.Add).ToList();
                    found = level.Select(id => actors.GetValueOrDefault(id)).FirstOrDefault(a => a?.Kind == ActorKind.State) is { } s
                        ? bySlug.ContainsKey(s.Slug) ? s.Slug : s.Country is { } sc ? byCountry.GetValueOrDefault(sc) : null
                        : null;
                }
                // An agency with only a country belongs to that country's state.
                found ??= actor.Country is { } c ? byCountry.GetValueOrDefault(c) : null;
            }
            cache[actor.Id] = found;
            return found;
        };
    }
}
