using Vigil.Model;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;

namespace Vigil.Features.Browse;

/// <summary>Loads the visible citations of edges, for the pages that list edges with their evidence.</summary>
internal static class Citations
{
    public static async Task AttachAsync(VigilDb db, IReadOnlyCollection<RelationshipView> edges, CancellationToken ct)
    {
        if (edges.Count == 0)
        {
            return;
        }
        var ids = edges.Select(e => e.Id).Distinct().ToList();
        var rows = await db.Citations.Where(c => c.RelationshipId != null && ids.Contains(c.RelationshipId.Value))
            .OrderBy(c => c.Source!.Title)
            .Select(c => new { Id = c.RelationshipId!.Value, View = new CitationView(c.Source!.Slug, Source.DisplayTitle(c.Source.Title, c.Source.TitleVerified, c.Source.Publisher, c.Source.Url), c.Source.Reliability, c.Locator, c.Quote, c.Credibility) })
            .ToListAsync(ct);
        var byEdge = rows.ToLookup(r => r.Id, r => r.View);
        foreach (var edge in edges)
        {
            edge.Citations.AddRange(byEdge[edge.Id]);
        }
    }
}
