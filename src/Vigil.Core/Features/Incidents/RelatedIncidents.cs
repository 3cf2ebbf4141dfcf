using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Incidents;

/// <summary>An incident as a line on another record's page: why it is listed there ("vendor", "suspected operator"…).</summary>
public sealed record RelatedIncident(string Slug, string Title, string? When, string Role, ReviewStatus Status, string Marking);

/// <summary>Incidents listed on an actor, product or country page, with the total behind the first lines.</summary>
public sealed record RelatedIncidents(IReadOnlyList<RelatedIncident> Items, int Total, string ListQuery);

/// <summary>
/// The incidents that join an actor, a product or a country into the graph (the reader's visible ones,
/// by the access rule): as vendor, suspected operator or investigator; as product used; as the place of
/// the targeting or the operator's state. At most <c>limit</c> lines, newest first.
/// </summary>
/// <remarks>Kept per data version and kind of reader (<see cref="ReadResults"/>): every actor, product and country page
/// asks, signed in or not.</remarks>
public sealed class ListRelatedIncidentsHandler(VigilDb db)
{
    public async Task<RelatedIncidents> ForActorAsync(string slug, int limit = 20, CancellationToken ct = default) =>
        (await ReadResults.GetOrComputeAsync(db, $"related-incidents\nactor\n{limit}\n{slug}", () => ComputeForActorAsync(slug, limit, ct)!, ReadResultSize.Small))!;

    public async Task<RelatedIncidents> ForProductAsync(string slug, int limit = 20, CancellationToken ct = default) =>
        (await ReadResults.GetOrComputeAsync(db, $"related-incidents\nproduct\n{limit}\n{slug}", () => ComputeForProductAsync(slug, limit, ct)!, ReadResultSize.Small))!;

    public async Task<RelatedIncidents> ForCountryAsync(string code, int limit = 20, CancellationToken ct = default) =>
        (await ReadResults.GetOrComputeAsync(db, $"related-incidents\ncountry\n{limit}\n{code}", () => ComputeForCountryAsync(code, limit, ct)!, ReadResultSize.Small))!;

    private Task<RelatedIncidents> ComputeForActorAsync(string slug, int limit, CancellationToken ct) =>
        ListAsync(db.Incidents.Select(i => new Listed
        {
            Incident = i,
            Role = db.IncidentOperators.Any(o => o.IncidentId == i.Id && o.Actor!.Slug == slug) ? "suspected operator"
                : db.IncidentVendors.Any(v => v.IncidentId == i.Id && v.Actor!.Slug == slug) ? "vendor"
                : db.IncidentInvestigators.Any(v => v.IncidentId == i.Id && v.Actor!.Slug == slug) ? "investigator" : null,
        }), limit, $"actor={Uri.EscapeDataString(slug)}", ct);

    private Task<RelatedIncidents> ComputeForProductAsync(string slug, int limit, CancellationToken ct) =>
        ListAsync(db.Incidents.Where(i => db.IncidentProducts.Any(p => p.IncidentId == i.Id && p.Product!.Slug == slug))
            .Select(i => new Listed { Incident = i, Role = "product used" }), limit, $"product={Uri.EscapeDataString(slug)}", ct);

    private Task<RelatedIncidents> ComputeForCountryAsync(string code, int limit, CancellationToken ct)
    {
        code = code.Trim().ToUpperInvariant();
        return ListAsync(db.Incidents.Select(i => new Listed
        {
            Incident = i,
            Role = db.IncidentOperators.Any(o => o.IncidentId == i.Id && o.Actor!.Country == code && o.Actor.ActorKind == ActorKind.State) ? "suspected operator state"
                : i.Country == code ? "where the targeting happened"
                : db.Targets.Any(t => t.IncidentId == i.Id && t.ResidenceCountry == code) ? "a target's country of residence" : null,
        }), limit, $"country={code}", ct);
    }

    /// <summary>The incidents of <paramref name="rows"/> that have a role, newest first, at most <paramref name="limit"/>, with their total.</summary>
    private static async Task<RelatedIncidents> ListAsync(IQueryable<Listed> rows, int limit, string listQuery, CancellationToken ct)
    {
        rows = rows.Where(x => x.Role != null);
        var items = await rows.OrderByDescending(x => x.Incident.FirstSeen ?? x.Incident.DisclosedOn).ThenBy(x => x.Incident.Id).Take(limit)
            .Select(x => new { x.Incident.Slug, x.Incident.Title, When = x.Incident.FirstSeen ?? x.Incident.DisclosedOn, x.Role, x.Incident.Status, x.Incident.Marking })
            .ToListAsync(ct);
        // A short list is the whole of it: counting is for a list cut at the limit (most pages list a few or none).
        var total = items.Count < limit ? items.Count : await rows.CountAsync(ct);
        return new RelatedIncidents([.. items.Select(x => new RelatedIncident(x.Slug, x.Title, x.When, x.Role!, x.Status, x.Marking.ToLabel()))], total, listQuery);
    }

    /// <summary>An incident and why it is listed (null: it is not).</summary>
    private sealed class Listed
    {
        public required Incident Incident { get; init; }

        public string? Role { get; init; }
    }
}
