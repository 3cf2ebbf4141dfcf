using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Gaps;

/// <summary>The gap view's question: a vendor, hops, a jurisdiction group (all states or a framework) and measure types.</summary>
public sealed record GapRequest(string Vendor, int Hops = 2, string? Group = null, IReadOnlyList<MeasureType>? Types = null)
{
    /// <summary>Reads the question from query-string values; errors name the field.</summary>
    public static (GapRequest? Request, IReadOnlyDictionary<string, string[]>? Errors) Parse(string vendor, int? hops, string? group, IEnumerable<string>? types)
    {
        var errors = new Dictionary<string, string[]>();
        if (hops is < 0 or > 6)
        {
            errors["hops"] = ["hops is between 0 and 6"];
        }
        if (!string.IsNullOrWhiteSpace(group) && group != "all" && Frameworks.Find(group) is null)
        {
            errors["group"] = [$"unknown group '{group}' (all, {string.Join(", ", Frameworks.All.Select(f => f.Id))})"];
        }
        var parsed = new List<MeasureType>();
        foreach (var t in (types ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (MeasureTerms.TryParse(t, out MeasureType type))
            {
                parsed.Add(type);
            }
            else
            {
                errors["type"] = [$"unknown measure type '{t}'"];
            }
        }
        return errors.Count > 0 ? (null, errors)
            : (new GapRequest(vendor, hops ?? 2, string.IsNullOrWhiteSpace(group) || group == "all" ? null : group, parsed.Count > 0 ? parsed : null), null);
    }
}

/// <summary>
/// Loads the part of the graph the reader may see (network edges, the actors they join, states, the
/// measures against network members and their authorities) and runs <see cref="GapAnalysis.Compute"/>.
/// </summary>
public sealed class GetGapMatrixHandler(VigilDb db)
{
    /// <summary>
    /// The matrix, computed once per data version, kind of reader and question (<see cref="ReadResults"/>); a vendor the
    /// reader may not see (no matrix) is kept among the small results.
    /// </summary>
    public Task<GapMatrix?> HandleAsync(GapRequest request, CancellationToken ct = default) =>
        ReadResults.GetOrComputeAsync(db,
            $"gaps|{request.Vendor}|{request.Hops}|{request.Group}|{string.Join(',', (request.Types ?? []).Order())}",
            () => ComputeAsync(request, ct), matrix => matrix is null ? ReadResultSize.Small : ReadResultSize.Large);

    /// <summary>One state's view, computed once per data version, kind of reader and question.</summary>
    public Task<JurisdictionGaps?> ForStateAsync(string state, int hops, IReadOnlyList<MeasureType>? types, string? group, CancellationToken ct = default) =>
        ReadResults.GetOrComputeAsync(db,
            $"state-gaps|{state}|{hops}|{group}|{string.Join(',', (types ?? []).Order())}",
            () => ComputeForStateAsync(state, hops, types, group, ct));

    private async Task<GapMatrix?> ComputeAsync(GapRequest request, CancellationToken ct)
    {
        var vendor = await db.Actors.Where(a => a.Slug == request.Vendor).Select(a => a.Id).FirstOrDefaultAsync(ct);
        if (vendor == 0)
        {
            return null;
        }
        var graph = await LoadAsync([vendor], request.Hops, ct);
        var states = await States(ct);
        var framework = Frameworks.Find(request.Group);
        var group = framework?.Signatories.Select(s => s.State).ToList();
        return GapAnalysis.Compute(graph, new GapQuery(request.Vendor, request.Hops, group, request.Types, framework?.Name), states);
    }

    /// <summary>
    /// One state's view across every vendor the reader may see (actors that develop a product): where it
    /// has acted, and the gaps others' measures show. Null when there is no such state.
    /// </summary>
    private async Task<JurisdictionGaps?> ComputeForStateAsync(string state, int hops, IReadOnlyList<MeasureType>? types, string? group, CancellationToken ct)
    {
        var states = await States(ct);
        if (!states.Any(j => j.Slug == state))
        {
            return null;
        }
        var vendors = await db.Relationships.Where(r => r.Type == RelationshipType.Develops)
            .Select(r => new { r.FromActorId, r.FromActor!.Slug }).Distinct().ToListAsync(ct);
        var graph = await LoadAsync(vendors.Select(v => v.FromActorId), hops, ct);
        var framework = Frameworks.Find(group);
        var signed = framework is not null && framework.Signatories.Any(s => s.State == state) ? framework.Name : null;
        return GapAnalysis.ForJurisdiction(graph, vendors.Select(v => v.Slug), state, hops, types, states, signed);
    }

    /// <summary>Vendors to offer in the gap view: visible actors that develop a product, by name.</summary>
    public async Task<List<(string Slug, string Name)>> VendorsAsync(int limit, CancellationToken ct) =>
        (await db.Relationships.Where(r => r.Type == RelationshipType.Develops)
            .Select(r => new { r.FromActor!.Slug, r.FromActor.Name }).Distinct().OrderBy(a => a.Name).Take(limit).ToListAsync(ct))
        .Select(a => (a.Slug, a.Name)).ToList();

    /// <summary>Every visible state as a jurisdiction, by name.</summary>
    public async Task<List<Jurisdiction>> States(CancellationToken ct) =>
        (await db.Actors.Where(a => a.ActorKind == ActorKind.State && !a.IsDependentTerritory)
            .Select(a => new Jurisdiction(a.Slug, a.Name, a.Country)).ToListAsync(ct))
        .OrderBy(j => j.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The part of the graph the gaps of <paramref name="vendorIds"/> depend on: their network up to
    /// <paramref name="hops"/> edges (walked as <see cref="GapAnalysis"/> walks it: not through states or public
    /// bodies) with the edges among its members, every measure against a member, the authorities that took
    /// them and the bodies they are part of, and every state. Only the neighbourhood is read: loading every
    /// edge of the graph cost 50-100 ms a vendor at 100,000 actors.
    /// </summary>
    public async Task<GapGraph> LoadAsync(IEnumerable<long> vendorIds, int hops, CancellationToken ct)
    {
        var types = GapAnalysis.NetworkTypes.ToList();
        var edges = new Dictionary<long, GapEdge>();
        var actors = new Dictionary<long, GapActor>();
        var onGraph = vendorIds.ToHashSet();
        await AddActorsAsync(onGraph);
        var frontier = onGraph.ToList();
        // One step beyond the last hop, for the edges among the outermost members.
        for (var depth = 1; depth <= Math.Clamp(hops, 0, 6) + 1 && frontier.Count > 0; depth++)
        {
            var found = new List<(long Id, GapEdge Edge)>();
            foreach (var chunk in frontier.Chunk(500))
            {
                found.AddRange((await db.Relationships.Where(r => r.ToActorId != null && types.Contains(r.Type) && chunk.Contains(r.FromActorId))
                    .Select(r => new { r.Id, r.FromActorId, To = r.ToActorId!.Value, r.Type }).ToListAsync(ct)).Select(r => (r.Id, new GapEdge(r.FromActorId, r.To, r.Type))));
                found.AddRange((await db.Relationships.Where(r => r.ToActorId != null && types.Contains(r.Type) && chunk.Contains(r.ToActorId!.Value))
                    .Select(r => new { r.Id, r.FromActorId, To = r.ToActorId!.Value, r.Type }).ToListAsync(ct)).Select(r => (r.Id, new GapEdge(r.FromActorId, r.To, r.Type))));
            }
            var beyond = depth > hops;
            var reached = found.SelectMany(f => new[] { f.Edge.FromId, f.Edge.ToId }).Where(id => !onGraph.Contains(id)).Distinct().ToList();
            if (!beyond)
            {
                await AddActorsAsync(reached);
                // An edge the reader may see has ends the reader may see; this only guards the walk.
                reached = [.. reached.Where(actors.ContainsKey)];
                onGraph.UnionWith(reached);
            }
            foreach (var (id, edge) in found.Where(f => onGraph.Contains(f.Edge.FromId) && onGraph.Contains(f.Edge.ToId)))
            {
                edges[id] = edge;
            }
            // The walk does not go on through states and public bodies.
            frontier = beyond ? [] : [.. reached.Where(id => actors[id].Kind is not (ActorKind.State or ActorKind.PublicBody))];
        }
        var measureIds = new HashSet<long>();
        foreach (var chunk in onGraph.Chunk(500))
        {
            measureIds.UnionWith(await db.MeasureTargets.Where(t => chunk.Contains(t.ActorId)).Select(t => t.MeasureId).ToListAsync(ct));
        }
        var measures = await db.Measures.Where(m => measureIds.Contains(m.Id)).Select(m => new
        {
            m.Id, m.Slug, m.Title, m.Type, m.AuthorityId, Since = m.EffectiveDate ?? m.AnnouncedDate, m.LiftedDate, m.Stage,
            Targets = m.Targets.Select(t => t.ActorId).ToList(),
        }).AsSplitQuery().ToListAsync(ct);
        var ended = new[] { MeasureStage.Lifted, MeasureStage.Expired, MeasureStage.Closed };
        var gapMeasures = measures.Select(m => new GapMeasure(m.Id, m.Slug, m.Title, m.Type, m.AuthorityId, m.Since, m.LiftedDate,
            ended.Contains(m.Stage), m.Targets)).ToList();
        // Authorities, and what they are part of up to their state: the measure is that state's.
        var bodies = gapMeasures.Select(m => m.AuthorityId).Where(id => !actors.ContainsKey(id)).Distinct().ToList();
        for (var level = 0; level < 6 && bodies.Count > 0; level++)
        {
            await AddActorsAsync(bodies);
            var parents = new List<(long Id, GapEdge Edge)>();
            foreach (var chunk in bodies.Chunk(500))
            {
                parents.AddRange((await db.Relationships.Where(r => r.ToActorId != null && r.Type == RelationshipType.PartOf && chunk.Contains(r.FromActorId))
                    .Select(r => new { r.Id, r.FromActorId, To = r.ToActorId!.Value }).ToListAsync(ct)).Select(r => (r.Id, new GapEdge(r.FromActorId, r.To, RelationshipType.PartOf))));
            }
            foreach (var (id, edge) in parents)
            {
                edges[id] = edge;
            }
            bodies = [.. parents.Select(p => p.Edge.ToId).Where(id => !actors.ContainsKey(id)).Distinct()];
        }
        foreach (var state in await db.Actors.Where(a => a.ActorKind == ActorKind.State)
            .Select(a => new GapActor(a.Id, a.Slug, a.Name, a.ActorKind, a.Country)).ToListAsync(ct))
        {
            actors.TryAdd(state.Id, state);
        }
        return new GapGraph([.. actors.Values], [.. edges.Values], gapMeasures);

        async Task AddActorsAsync(IEnumerable<long> ids)
        {
            foreach (var chunk in ids.Where(id => !actors.ContainsKey(id)).Distinct().Chunk(500))
            {
                foreach (var actor in await db.Actors.Where(a => chunk.Contains(a.Id))
                    .Select(a => new GapActor(a.Id, a.Slug, a.Name, a.ActorKind, a.Country)).ToListAsync(ct))
                {
                    actors[actor.Id] = actor;
                }
            }
        }
    }
}
