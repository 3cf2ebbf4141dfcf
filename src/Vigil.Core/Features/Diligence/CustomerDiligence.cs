using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Briefs;
using Vigil.Features.Commitments;
using Vigil.Features.Incidents;
using Vigil.Model;

namespace Vigil.Features.Diligence;

/// <summary>
/// The due-diligence report on a prospective customer (Know Your Customer): a state, or a public body
/// (an agency, a ministry). Its factors: incidents in which it is a suspected operator (flagged where a
/// target lived abroad: transnational repression), measures against it, its state's endorsements of the
/// frameworks, that state's scorecard beside its own national reports, and the vendors that supplied it.
/// A state answers for its public bodies (same country), as in the country brief; a public body answers
/// for itself and the bodies part of it. Every query runs through the reader's <see cref="VigilDb"/>: a
/// record the reader may not see is neither listed nor counted. Null when there is no such (visible)
/// state or public body.
/// </summary>
public sealed class CustomerDiligenceHandler(VigilDb db, ActorScorecardHandler scorecards, TimeProvider clock)
{
    public async Task<BriefDocument?> HandleAsync(string slug, CancellationToken ct = default)
    {
        var customer = await db.Actors.AsNoTracking()
            .Where(a => a.Slug == slug && (a.ActorKind == ActorKind.State || a.ActorKind == ActorKind.PublicBody))
            .Select(a => new { a.Id, a.Slug, a.Name, a.ActorKind, a.Country }).FirstOrDefaultAsync(ct);
        if (customer is null)
        {
            return null;
        }
        var isState = customer.ActorKind == ActorKind.State;
        var bodies = isState
            ? await db.Actors.AsNoTracking()
                .Where(a => a.Id == customer.Id || (a.ActorKind == ActorKind.PublicBody && customer.Country != null && a.Country == customer.Country))
                .Select(a => a.Id).ToListAsync(ct)
            : await db.Relationships.AsNoTracking()
                .Where(r => r.Type == RelationshipType.PartOf && r.ToActorId == customer.Id && r.FromActor!.ActorKind == ActorKind.PublicBody)
                .Select(r => r.FromActorId).ToListAsync(ct);
        if (!isState)
        {
            bodies.Add(customer.Id);
        }
        var state = isState ? new StateRef(customer.Id, customer.Slug, customer.Name) : await StateOfAsync(customer.Id, customer.Country, ct);
        var who = isState ? $"{customer.Name} or its public bodies" : customer.Name;

        var notes = new BriefNotes(db);
        var sections = new List<BriefSection>();

        // 1. Incidents in which it is a suspected operator, with the transnational-repression flag; for a
        // public body, also those its state (or the state's other bodies) is suspected in, apart.
        var own = await IncidentsAsync(bodies, notes, "", ct);
        var lines = own.Lines.ToList();
        var verdict = own.Count == 0
            ? $"No recorded incident names {who} as a suspected operator."
            : $"{Cap(who)} {(isState ? "are" : "is")} a suspected operator in {BriefText.Count(own.Count, "recorded incident")}{own.Detail}";
        if (!isState && state is not null)
        {
            var stateBodies = await db.Actors.AsNoTracking()
                .Where(a => a.Id == state.Id || (a.ActorKind == ActorKind.PublicBody && customer.Country != null && a.Country == customer.Country))
                .Select(a => a.Id).ToListAsync(ct);
            var theirs = await IncidentsAsync(stateBodies.Except(bodies).ToList(), notes, $"Its state ({state.Name}): ", ct, exclude: bodies);
            lines.AddRange(theirs.Lines);
            verdict += theirs.Count == 0
                ? $" Its state, {state.Name}, is a suspected operator in no other recorded incident."
                : $" Its state, {state.Name}, or the state's other bodies are a suspected operator in {BriefText.Count(theirs.Count, "other recorded incident")}{theirs.Detail}";
        }
        sections.Add(new BriefSection("incidents", "Incidents in which it is a suspected operator", lines,
            "It is not a suspected operator in any recorded incident.",
            "Transnational repression: a suspected operator's state differs from the country where a target lives.", verdict));

        // 2. Measures against it.
        var measures = await db.Measures.AsNoTracking().Where(m => m.Targets.Any(t => bodies.Contains(t.ActorId)))
            .Select(m => new
            {
                m.Id, m.Slug, m.Title, m.Type, m.Stage, m.Marking, Since = m.EffectiveDate ?? m.AnnouncedDate, Authority = m.Authority!.Name,
                Targets = m.Targets.Where(t => bodies.Contains(t.ActorId)).Select(t => t.Actor!.Name).ToList(),
            }).AsSplitQuery().ToListAsync(ct);
        measures = measures.OrderBy(m => m.Since ?? "9999", StringComparer.Ordinal).ThenBy(m => m.Slug, StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Measure, measures.Select(m => m.Id), ct);
        sections.Add(new BriefSection("measures", "Measures against it",
            measures.Select(m => new BriefLine(
                $"{CountryBriefHandler.Cap(m.Type.ToTitle())} by {m.Authority} ({DiligenceKinds.Stage(m.Stage, m.Since)}) against {BriefText.List(m.Targets.Order(StringComparer.Ordinal))}: {DiligenceKinds.Sentence(m.Title)}",
                notes.For(RecordKind.Measure, m.Id), m.Marking, $"/measures/{m.Slug}")).ToList(),
            "No measure against it is recorded.", null,
            measures.Count == 0
                ? $"No measure against {who} is recorded."
                : $"{BriefText.Count(measures.Count, "measure")} against {who} ({measures.Count(m => !m.Stage.IsEnded())} in force or pending): "
                  + BriefText.List(measures.Select(m => $"{m.Type.ToTitle()} by {m.Authority}" + (m.Since is null ? "" : $" ({m.Since})"))) + "."));

        // 3 and 4. Its state's endorsements, scorecard and national reports.
        if (state is not null)
        {
            var commitments = await StateCommitments.ReadAsync(db, scorecards, notes, state.Id, state.Slug, state.Name, ct);
            var its = isState ? "" : "Its state, ";
            sections.Add(commitments.Endorsements with
            {
                Heading = isState ? "Endorsements of the frameworks" : $"Its state's endorsements ({state.Name})",
                Verdict = its + (commitments.EndorsementCount == 0
                    ? $"{state.Name}{(isState ? "" : ",")} has endorsed none of the frameworks Vigil tracks."
                    : $"{commitments.EndorsementSummary[..^1].Replace(state.Name + " endorsed", state.Name + (isState ? "" : ",") + " endorsed", StringComparison.Ordinal)}: {BriefText.Count(commitments.EndorsementCount, "endorsement")}."),
            });
            sections.Add(commitments.Scorecard with
            {
                Heading = isState ? "Scorecard and national reports" : $"Scorecard and national reports ({state.Name})",
                Verdict = commitments.ScorecardSummary.Count == 0
                    ? $"No scorecard for {state.Name}: it endorsed no framework Vigil scores."
                    : string.Join(" ", commitments.ScorecardSummary)
                      + (commitments.NationalReports == 0 ? $" {state.Name} has filed no national report on them." : $" {state.Name}'s own national reports cover {BriefText.Count(commitments.NationalReports, "commitment")}."),
            });
        }
        else
        {
            sections.Add(new BriefSection("endorsements", "Its state's endorsements", [], "No state of it is recorded in Vigil.", null, "Its state is not recorded, so no endorsement can be read."));
            sections.Add(new BriefSection("scorecard", "Scorecard and national reports", [], "No state of it is recorded in Vigil.", null, "Its state is not recorded, so there is no scorecard."));
        }

        // 5. Supply history: the vendors that supplied it.
        var supplies = await db.Relationships.AsNoTracking()
            .Where(r => r.Type == RelationshipType.Supplies && r.ToActorId != null && bodies.Contains(r.ToActorId.Value))
            .Select(r => new { r.Id, r.Slug, Vendor = r.FromActor!.Name, Customer = r.ToActor!.Name, r.StartDate, r.EndDate, r.Confidence, r.Marking })
            .ToListAsync(ct);
        supplies = supplies.OrderBy(s => s.StartDate ?? "9999", StringComparer.Ordinal).ThenBy(s => s.Vendor, StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Relationship, supplies.Select(s => s.Id), ct);
        var vendors = supplies.Select(s => s.Vendor).Distinct().ToList();
        sections.Add(new BriefSection("suppliers", "Supply history: vendors that supplied it",
            supplies.Select(s => new BriefLine($"{s.Vendor} supplied {s.Customer}{CountryBriefHandler.Dates(s.StartDate, s.EndDate)} (evidence {s.Confidence.ToLabel()}).",
                notes.For(RecordKind.Relationship, s.Id), s.Marking, $"/relationships/{s.Slug}")).ToList(),
            "No vendor is recorded as supplying it.",
            "Evidence: high (official records, court findings or several independent sources), moderate (credible, not independently confirmed), low (single or weak source).",
            supplies.Count == 0
                ? $"No vendor is recorded as supplying {who}."
                : $"Supplied by {BriefText.Count(vendors.Count, "vendor")}: {BriefText.List(vendors)} (evidence "
                  + BriefText.List(supplies.GroupBy(s => s.Confidence).OrderByDescending(g => g.Key).Select(g => $"{g.Key.ToLabel()} for {BriefText.Count(g.Count(), "supply", "supplies")}")) + ")."));

        var kind = isState ? "state" : "public body";
        return new BriefDocument("diligence-" + DiligenceKinds.Customer, customer.Slug, $"Due diligence on a prospective customer: {customer.Name}",
            $"Know Your Customer: what Vigil records about this {kind} as a buyer of surveillance technology. Each factor gives its evidence and a plain verdict; there is no score.",
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), await BriefNotes.DataVersionAsync(db, ct), db.Reader.Name, db.Reader.Clearance,
            sections.Select(s => s.Verdict).OfType<string>().ToList(), sections, notes.Footnotes, "Vigil due-diligence report");
    }

    private sealed record OperatedIncidents(IReadOnlyList<BriefLine> Lines, int Count, string Detail);

    /// <summary>
    /// Incidents in which any of <paramref name="operators"/> is a suspected operator (and none of
    /// <paramref name="exclude"/>, listed elsewhere), each flagged where a target lived outside the operator's
    /// state; <c>Detail</c> ends the verdict: the years and how many were transnational repression.
    /// </summary>
    private async Task<OperatedIncidents> IncidentsAsync(List<long> operators, BriefNotes notes, string prefix, CancellationToken ct, List<long>? exclude = null)
    {
        if (operators.Count == 0)
        {
            return new([], 0, ".");
        }
        var skip = exclude ?? [];
        var operated = await db.Incidents.AsNoTracking()
            .Where(i => i.Operators.Any(o => operators.Contains(o.ActorId)) && !i.Operators.Any(o => skip.Contains(o.ActorId)))
            .Select(i => new
            {
                i.Id, i.Slug, i.Title, i.DisclosedOn, i.FirstSeen, i.Marking,
                Operators = i.Operators.Where(o => operators.Contains(o.ActorId)).Select(o => new { o.Confidence, o.Actor!.Name, o.Actor.Country }).ToList(),
            })
            .AsSplitQuery().ToListAsync(ct);
        operated = operated.OrderBy(i => i.DisclosedOn ?? i.FirstSeen ?? "9999", StringComparer.Ordinal).ThenBy(i => i.Slug, StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Incident, operated.Select(i => i.Id), ct);
        var links = await IncidentLinks.LoadAsync(db, [.. operated.Select(i => i.Id)], ct);
        var abroadCount = 0;
        var lines = new List<BriefLine>();
        foreach (var i in operated)
        {
            var states = i.Operators.Select(o => o.Country).ToList();
            var residences = (links.GetValueOrDefault(i.Id) ?? IncidentLinks.Empty).Residences;
            var abroad = Transnational.IsTransnational(states, residences);
            var where = residences.OfType<string>().Where(r => !states.Contains(r)).Distinct().Select(Model.Countries.NameOf).Order(StringComparer.Ordinal).ToList();
            abroadCount += abroad ? 1 : 0;
            var op = i.Operators.OrderByDescending(o => o.Confidence).First();
            lines.Add(new BriefLine(
                $"{prefix}{i.Title} (disclosed {i.DisclosedOn ?? "—"}; suspected operator {op.Name}, attribution confidence {op.Confidence.ToLabel()})"
                + (abroad ? $"; transnational repression: targeted someone living in {BriefText.List(where)}." : "."),
                notes.For(RecordKind.Incident, i.Id), i.Marking, $"/incidents/{i.Slug}"));
        }
        var years = operated.Select(i => Year(i.DisclosedOn ?? i.FirstSeen)).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var detail = (years.Count > 0 ? $" ({Span(years)})" : "")
            + (abroadCount > 0 ? $", {abroadCount} of them transnational repression (a target living abroad)." : "; none is recorded as transnational repression.");
        return new(lines, operated.Count, detail);
    }

    private sealed record StateRef(long Id, string Slug, string Name);

    /// <summary>A public body's state: the state it is part of, else the state of its country.</summary>
    private async Task<StateRef?> StateOfAsync(long bodyId, string? country, CancellationToken ct)
    {
        var partOf = await db.Relationships.AsNoTracking()
            .Where(r => r.Type == RelationshipType.PartOf && r.FromActorId == bodyId && r.ToActor!.ActorKind == ActorKind.State)
            .Select(r => new StateRef(r.ToActor!.Id, r.ToActor.Slug, r.ToActor.Name)).FirstOrDefaultAsync(ct);
        if (partOf is not null || country is null)
        {
            return partOf;
        }
        return await db.Actors.AsNoTracking().Where(a => a.ActorKind == ActorKind.State && a.Country == country && !a.IsDependentTerritory)
            .OrderBy(a => a.Id).Select(a => new StateRef(a.Id, a.Slug, a.Name)).FirstOrDefaultAsync(ct);
    }

    internal static string? Year(string? date) => date is { Length: >= 4 } d ? d[..4] : null;

    /// <summary>"2019" or "2019–2021" from sorted years.</summary>
    internal static string Span(IReadOnlyList<string> sortedYears) => sortedYears[0] == sortedYears[^1] ? sortedYears[0] : $"{sortedYears[0]}–{sortedYears[^1]}";

    private static string Cap(string s) => CountryBriefHandler.Cap(s);
}
