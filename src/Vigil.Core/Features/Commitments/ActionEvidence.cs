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
        var stateOf = await StatesByCountry.LoadAsync(db, rows.Where(r => r.ActorKind == ActorKind.PublicBody).Select(r => r.Country), ct);
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

/// <summary>
/// Incidents, dated by the last day of activity (else the first, else the disclosure): abuse still going on
/// after a promise contradicts it even when it began before. Suspected operators and vendors take part; a
/// public body that operates is also counted as its state, as for supplies. Read through the filtered
/// sets, so targets never come into it and a draft or marked incident only for readers who may see it.
/// </summary>
public sealed class IncidentActionEvidence(VigilDb db) : IActionEvidence
{
    public async Task<IReadOnlyList<ActionEvent>> ListAsync(CancellationToken ct)
    {
        var incidents = await db.Incidents.AsNoTracking()
            .Select(i => new { i.Id, i.Slug, i.Title, Date = i.LastSeen ?? i.FirstSeen ?? i.DisclosedOn })
            .ToListAsync(ct);
        var operators = (await db.IncidentOperators.AsNoTracking()
            .Select(o => new { o.IncidentId, o.ActorId, o.Actor!.ActorKind, o.Actor.Country }).ToListAsync(ct)).ToLookup(o => o.IncidentId);
        var vendors = (await db.IncidentVendors.AsNoTracking().Select(v => new { v.IncidentId, v.ActorId }).ToListAsync(ct)).ToLookup(v => v.IncidentId);
        var citations = (await db.Citations.AsNoTracking().Where(c => c.IncidentId != null)
            .OrderBy(c => c.Source!.Title).ThenBy(c => c.Id)
            .Select(c => new { IncidentId = c.IncidentId!.Value, c.Source!.Slug, c.Source.Title, c.Source.Url, c.Locator }).ToListAsync(ct))
            .ToLookup(c => c.IncidentId, c => new ActionCitation(c.Slug, c.Title, c.Url, c.Locator));
        var stateOf = await StatesByCountry.LoadAsync(db, operators.SelectMany(g => g).Where(o => o.ActorKind == ActorKind.PublicBody).Select(o => o.Country), ct);
        return incidents.Select(i =>
        {
            var participants = new List<ActionParticipant>();
            foreach (var o in operators[i.Id])
            {
                participants.Add(new(o.ActorId, ActionRoles.SuspectedOperator));
                if (o.ActorKind == ActorKind.PublicBody && o.Country is { } c && stateOf.TryGetValue(c, out var state))
                {
                    participants.Add(new(state, ActionRoles.SuspectedOperator));
                }
            }
            participants.AddRange(vendors[i.Id].Select(v => new ActionParticipant(v.ActorId, ActionRoles.Vendor)));
            return new ActionEvent(ActionKind.Incident, "incident:" + i.Slug, i.Title, i.Date, participants.Distinct().ToList(),
                citations[i.Id].ToList(), "/incidents/" + i.Slug);
        }).ToList();
    }
}

/// <summary>
/// Accountability measures, dated by when they took effect (else when announced), each target taking part.
/// A lifted measure still counts: it was imposed after the promise.
/// </summary>
public sealed class MeasureActionEvidence(VigilDb db) : IActionEvidence
{
    public async Task<IReadOnlyList<ActionEvent>> ListAsync(CancellationToken ct)
    {
        var measures = await db.Measures.AsNoTracking()
            .Select(m => new { m.Id, m.Slug, m.Title, Authority = m.Authority!.Name, Date = m.EffectiveDate ?? m.AnnouncedDate })
            .ToListAsync(ct);
        var targets = (await db.MeasureTargets.AsNoTracking().Select(t => new { t.MeasureId, t.ActorId }).ToListAsync(ct)).ToLookup(t => t.MeasureId);
        var citations = (await db.Citations.AsNoTracking().Where(c => c.MeasureId != null)
            .OrderBy(c => c.Source!.Title).ThenBy(c => c.Id)
            .Select(c => new { MeasureId = c.MeasureId!.Value, c.Source!.Slug, c.Source.Title, c.Source.Url, c.Locator }).ToListAsync(ct))
            .ToLookup(c => c.MeasureId, c => new ActionCitation(c.Slug, c.Title, c.Url, c.Locator));
        return measures.Select(m => new ActionEvent(ActionKind.Measure, "measure:" + m.Slug, $"{m.Title} ({m.Authority})", m.Date,
                targets[m.Id].Select(t => new ActionParticipant(t.ActorId, ActionRoles.MeasureTarget)).Distinct().ToList(),
                citations[m.Id].ToList(), "/measures/" + m.Slug))
            .ToList();
    }
}

/// <summary>The state actor of each country, so that a public body's act is also its state's.</summary>
internal static class StatesByCountry
{
    public static async Task<Dictionary<string, long>> LoadAsync(VigilDb db, IEnumerable<string?> countries, CancellationToken ct)
    {
        var wanted = countries.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        var states = await db.Actors.AsNoTracking().Where(a => a.ActorKind == ActorKind.State && a.Country != null && wanted.Contains(a.Country))
            .Select(a => new { a.Id, a.Country }).ToListAsync(ct);
        return states.GroupBy(s => s.Country!).ToDictionary(g => g.Key, g => g.Min(s => s.Id));
    }
}
