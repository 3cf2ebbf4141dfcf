using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Browse;
using Vigil.Model;

namespace Vigil.Features.Network;

public sealed record GetNeighbourhoodRequest(string Slug, int Hops = 1);

/// <summary>
/// A node: <c>Id</c> is the record's path without the leading slash ("actors/intellexa"); <c>Kind</c> is the
/// actor kind ("company", "public-body"…) or "product".
/// </summary>
public sealed record NetworkNode(string Id, string Slug, string Name, string Kind, string? Country);

/// <summary>An edge between two node ids, with its type in data-file spelling ("subsidiary-of").</summary>
public sealed record NetworkEdge(string Type, string Label, string From, string To);

public sealed record Neighbourhood(NetworkNode Centre, IReadOnlyList<NetworkNode> Nodes, IReadOnlyList<NetworkEdge> Edges, bool Truncated);

/// <summary>
/// The actors and products within one or two edges of an actor. Only visible edges are followed (the
/// edge filter needs both ends visible), so hidden records can never appear as nodes.
/// </summary>
public sealed class GetNeighbourhoodHandler(VigilDb db)
{
    public const int MaxNodes = 200;

    public async Task<Neighbourhood?> HandleAsync(GetNeighbourhoodRequest request, CancellationToken ct = default)
    {
        var centre = await db.Actors.Where(a => a.Slug == request.Slug)
            .Select(a => new { a.Id, a.Slug, a.Name, a.ActorKind, a.Country }).SingleOrDefaultAsync(ct);
        if (centre is null)
        {
            return null;
        }
        var centreNode = new NetworkNode("actors/" + centre.Slug, centre.Slug, centre.Name, Display.ActorKindSlug(centre.ActorKind), centre.Country);
        var nodes = new Dictionary<string, NetworkNode> { [centreNode.Id] = centreNode };
        var edges = new Dictionary<long, NetworkEdge>();
        var seen = new HashSet<long> { centre.Id };
        var frontier = new List<long> { centre.Id };
        var truncated = false;
        for (var hop = 0; hop < Math.Clamp(request.Hops, 1, 2) && frontier.Count > 0 && !truncated; hop++)
        {
            var ids = frontier;
            var rows = await db.Relationships.Where(r => ids.Contains(r.FromActorId) || (r.ToActorId != null && ids.Contains(r.ToActorId.Value)))
                .OrderBy(r => r.Id)
                .Select(r => new
                {
                    r.Id, r.Type,
                    From = new { Id = r.FromActorId, r.FromActor!.Slug, r.FromActor.Name, r.FromActor.ActorKind, r.FromActor.Country },
                    ToActorId = r.ToActorId,
                    ToActor = r.ToActorId == null ? null : new { r.ToActor!.Slug, r.ToActor.Name, r.ToActor.ActorKind, r.ToActor.Country },
                    ToProduct = r.ToProductId == null ? null : new { r.ToProduct!.Slug, r.ToProduct.Name },
                })
                .ToListAsync(ct);
            frontier = [];
            foreach (var r in rows)
            {
                var from = new NetworkNode("actors/" + r.From.Slug, r.From.Slug, r.From.Name, Display.ActorKindSlug(r.From.ActorKind), r.From.Country);
                var to = r.ToActor is not null
                    ? new NetworkNode("actors/" + r.ToActor.Slug, r.ToActor.Slug, r.ToActor.Name, Display.ActorKindSlug(r.ToActor.ActorKind), r.ToActor.Country)
                    : new NetworkNode("products/" + r.ToProduct!.Slug, r.ToProduct.Slug, r.ToProduct.Name, "product", null);
                var newNodes = new[] { from, to }.Where(n => !nodes.ContainsKey(n.Id)).DistinctBy(n => n.Id).ToList();
                if (nodes.Count + newNodes.Count > MaxNodes)
                {
                    truncated = true;
                    break;
                }
                foreach (var n in newNodes)
                {
                    nodes[n.Id] = n;
                }
                edges.TryAdd(r.Id, new NetworkEdge(r.Type.ToLabel(), Display.Outgoing(r.Type), from.Id, to.Id));
                if (seen.Add(r.From.Id))
                {
                    frontier.Add(r.From.Id);
                }
                if (r.ToActorId is long toId && seen.Add(toId))
                {
                    frontier.Add(toId);
                }
            }
        }
        return new Neighbourhood(centreNode, [.. nodes.Values], [.. edges.Values], truncated);
    }
}
