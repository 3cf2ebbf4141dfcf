using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Commitments;

/// <summary>
/// A source of dated actions for <see cref="WordsVsActions"/>. Every implementation in Core is registered
/// (<see cref="FeatureRegistration"/>): adding incidents or measures is one class that turns its records
/// into <see cref="ActionEvent"/>s. Read through the context's filtered sets, so a reader never gets an
/// event built from what they may not see.
/// </summary>
public interface IActionEvidence
{
    /// <summary>The events this provider knows of, for every actor.</summary>
    Task<IReadOnlyList<ActionEvent>> ListAsync(CancellationToken ct);
}

/// <summary>
/// Supply relationships (vendor → customer), dated by their start. A public body that buys is also
/// counted as its state buying (same country), since states endorse frameworks and agencies buy tools.
/// </summary>
public sealed class SupplyActionEvidence(VigilDb db) : IActionEvidence
{
    public async Task<IReadOnlyList<ActionEvent>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Relationships.AsNoTracking()
            .Where(r => r.Type == RelationshipType.Supplies && r.ToActorId != null)
            .Select(r => new
            {
                r.Id, r.Slug, r.StartDate, VendorId = r.FromActorId, Vendor = r.FromActor!.Name, CustomerId = r.ToActorId!.Value,
                Customer = r.ToActor!.Name, r.ToActor.ActorKind, r.ToActor.Country,
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var citations = await Evidence.OfRelationshipsAsync(db, ids, ct);
        var countries = rows.Where(r => r.ActorKind == ActorKind.PublicBody && r.Country != null).Select(r => r.Country!).Distinct().ToList();
        var states = await db.Actors.AsNoTracking().Where(a => a.ActorKind == ActorKind.State && a.Country != null && countries.Contains(a.Country))
            .Select(a => new { a.Id, a.Country }).ToListAsync(ct);
        var stateOf = states.GroupBy(s => s.Country!).ToDictionary(g => g.Key, g => g.First().Id);
        return rows.Select(r =>
        {
            var participants = new List<ActionParticipant> { new(r.VendorId, ActionRoles.Vendor), new(r.CustomerId, ActionRoles.Customer) };
            if (r.ActorKind == ActorKind.PublicBody && r.Country is { } c && stateOf.TryGetValue(c, out var state))
            {
                participants.Add(new(state, ActionRoles.Customer));
            }
            return new ActionEvent(ActionKind.Supply, "relationship:" + r.Slug, $"{r.Vendor} supplies {r.Customer}", r.StartDate, participants,
                citations[r.Id].Select(v => new ActionCitation(v.SourceSlug, v.SourceTitle, v.SourceUrl, v.Locator)).ToList(),
                "/relationships/" + r.Slug);
        }).ToList();
    }
}

/// <summary>One contradiction as pages and the API show it.</summary>
public sealed record ContradictionView(
    string ActorSlug, string ActorName, string Series, string Framework, string? PromiseDate, string EventKind, string EventKey, string EventTitle,
    string? EventDate, string Reason, IReadOnlyList<ActionCitation> Citations, string? Link);

/// <summary>
/// Words against actions for the graph the reader sees: every endorsement (a company's endorsement of
/// its own policy is its policy) against the events of every registered <see cref="IActionEvidence"/>.
/// </summary>
public sealed class ContradictionsHandler(VigilDb db, IEnumerable<IActionEvidence> providers)
{
    /// <summary>All contradictions, or those of one actor (slug), up to a day when given.</summary>
    public async Task<IReadOnlyList<ContradictionView>> HandleAsync(string? actorSlug = null, DateOnly? until = null, CancellationToken ct = default)
    {
        var promises = await PromisesAsync(actorSlug, ct);
        if (promises.Count == 0)
        {
            return [];
        }
        var events = new List<ActionEvent>();
        foreach (var provider in providers)
        {
            events.AddRange(await provider.ListAsync(ct));
        }
        if (until is { } day)
        {
            var last = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            events = events.Where(e => e.Date is not null && string.CompareOrdinal(e.Date, last) <= 0).ToList();
        }
        return WordsVsActions.Find(promises, events).Select(c => new ContradictionView(
            c.Promise.ActorSlug, c.Promise.ActorName, c.Promise.FrameworkSeries, c.Promise.FrameworkName, c.Promise.Date, c.Event.Kind.ToString().ToLowerInvariant(),
            c.Event.Key, c.Event.Title, c.Event.Date, c.Reason, c.Event.Citations, c.Event.Link)).ToList();
    }

    private async Task<List<Promise>> PromisesAsync(string? actorSlug, CancellationToken ct)
    {
        var q = db.Endorsements.AsNoTracking().Where(e => e.Status != ReviewStatus.Retracted);
        if (actorSlug is not null)
        {
            q = q.Where(e => e.Actor!.Slug == actorSlug);
        }
        var rows = await q.Select(e => new
        {
            e.ActorId, ActorSlug = e.Actor!.Slug, ActorName = e.Actor.Name, e.Framework!.Series, FrameworkName = e.Framework.Name,
            e.Date, e.Framework.FrameworkKind,
        }).ToListAsync(ct);
        return rows.DistinctBy(r => (r.ActorId, r.Series))
            .Select(r => new Promise(r.ActorId, r.ActorSlug, r.ActorName, r.Series, r.FrameworkName, r.Date, r.FrameworkKind == FrameworkKind.CompanyPolicy))
            .ToList();
    }
}
