using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Briefs;
using Vigil.Features.Commitments;
using Vigil.Features.Gaps;
using Vigil.Features.Incidents;
using Vigil.Model;

namespace Vigil.Features.Diligence;

/// <summary>
/// The due-diligence report on a prospective vendor, for a procurer who must "vet vendors before
/// acquiring" (Pall Mall Code). Its network is the gap analysis's: owners, subsidiaries, successors,
/// officers, investors and brokers within <see cref="Hops"/> hops (<see cref="GapAnalysis"/>). Its factors:
/// measures against any member of that network, incidents with the network's products, rebrands and
/// successors, and words vs. actions (<see cref="WordsVsActions"/>) of every member with a stated policy.
/// Read through the reader's <see cref="VigilDb"/>: what the reader may not see is neither listed nor
/// counted. Null when there is no such (visible) company, person or organisation.
/// </summary>
public sealed class VendorDiligenceHandler(VigilDb db, GetGapMatrixHandler gaps, ContradictionsHandler contradictions, TimeProvider clock)
{
    /// <summary>How far the network reaches (as in the gap report).</summary>
    public const int Hops = GapReportHandler.Hops;

    public async Task<BriefDocument?> HandleAsync(string slug, CancellationToken ct = default)
    {
        var kind = await db.Actors.AsNoTracking().Where(a => a.Slug == slug).Select(a => (ActorKind?)a.ActorKind).FirstOrDefaultAsync(ct);
        if (kind is null or ActorKind.State or ActorKind.PublicBody
            || await gaps.HandleAsync(new GapRequest(slug, Hops), ct) is not { } matrix)
        {
            return null;
        }
        var vendor = matrix.Vendor;
        var ids = matrix.Network.Select(n => n.Actor.Id).ToList();
        var names = matrix.Network.ToDictionary(n => n.Actor.Id, n => n.Actor.Name);
        var notes = new BriefNotes(db);
        var sections = new List<BriefSection>();

        // 1. Its network: who it is, with the dated, cited edges that join it.
        var types = GapAnalysis.NetworkTypes.ToList();
        var edges = await db.Relationships.AsNoTracking()
            .Where(r => types.Contains(r.Type) && r.ToActorId != null && ids.Contains(r.FromActorId) && ids.Contains(r.ToActorId.Value))
            .Select(r => new { r.Id, r.Slug, r.Type, From = r.FromActor!.Name, To = r.ToActor!.Name, r.Role, r.SharePercent, r.StartDate, r.EndDate, r.Marking })
            .ToListAsync(ct);
        edges = edges.OrderBy(e => e.Type).ThenBy(e => e.StartDate ?? "9999", StringComparer.Ordinal).ThenBy(e => e.From, StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Relationship, edges.Select(e => e.Id), ct);
        var others = matrix.Network.Where(m => m.Hops > 0).Select(m => m.Actor.Name).ToList();
        sections.Add(new BriefSection("network", "Its network", edges.Select(e => new BriefLine(
                $"{e.From} {Words(e.Type)} {e.To}" + (e.Role is null ? "" : $" ({e.Role})") + (e.SharePercent is { } s ? $", {s:0.##}%" : "")
                + CountryBriefHandler.Dates(e.StartDate, e.EndDate) + ".", notes.For(RecordKind.Relationship, e.Id), e.Marking, $"/relationships/{e.Slug}")).ToList(),
            "No owner, subsidiary, successor, officer, investor or broker is recorded.",
            $"Owners, subsidiaries, successors, officers, investors and brokers within {Hops} hops; the factors below read the whole network.",
            others.Count == 0
                ? $"No network is recorded: the factors below read {vendor.Name} alone."
                : $"{vendor.Name} and {BriefText.Count(others.Count, "other member")} within {Hops} hops: {DiligenceKinds.Some(others, 8)}."));

        // 2. Measures against any member of the network.
        var measures = await db.Measures.AsNoTracking().Where(m => m.Targets.Any(t => ids.Contains(t.ActorId)))
            .Select(m => new
            {
                m.Id, m.Slug, m.Title, m.Type, m.Stage, m.Marking, Since = m.EffectiveDate ?? m.AnnouncedDate, Authority = m.Authority!.Name, AuthorityCountry = m.Authority.Country,
                Targets = m.Targets.Where(t => ids.Contains(t.ActorId)).Select(t => t.ActorId).ToList(),
            }).AsSplitQuery().ToListAsync(ct);
        measures = measures.OrderBy(m => m.Since ?? "9999", StringComparer.Ordinal).ThenBy(m => m.Slug, StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Measure, measures.Select(m => m.Id), ct);
        var measured = measures.SelectMany(m => m.Targets.Distinct()).GroupBy(t => t).OrderByDescending(g => g.Count()).ThenBy(g => names[g.Key], StringComparer.Ordinal)
            .Select(g => $"{names[g.Key]} ({g.Count()})").ToList();
        sections.Add(new BriefSection("measures", "Measures against its network", measures.Select(m => new BriefLine(
                $"{CountryBriefHandler.Cap(m.Type.ToTitle())} by {m.Authority}{(m.AuthorityCountry is null ? "" : $" ({Model.Countries.NameOf(m.AuthorityCountry)})")}, "
                + $"{DiligenceKinds.Stage(m.Stage, m.Since)}, against {BriefText.List(m.Targets.Distinct().Select(t => names[t]).Order(StringComparer.Ordinal))}: {DiligenceKinds.Sentence(m.Title)}",
                notes.For(RecordKind.Measure, m.Id), m.Marking, $"/measures/{m.Slug}")).ToList(),
            "No measure against any member of its network is recorded.", null,
            measures.Count == 0
                ? "No measure against any member of its network is recorded."
                : $"{BriefText.Count(measures.Count, "measure")} against {BriefText.Count(measured.Count, "member")} of the network "
                  + $"({measures.Count(m => !m.Stage.IsEnded())} in force or pending, by {BriefText.Count(measures.Select(m => m.Authority).Distinct().Count(), "authority", "authorities")}): {DiligenceKinds.Some(measured, 10)}."));

        // 3. Incidents with its products (or naming a member as vendor).
        var products = await db.Relationships.AsNoTracking().Where(r => r.Type == RelationshipType.Develops && r.ToProductId != null && ids.Contains(r.FromActorId))
            .Select(r => new { Id = r.ToProductId!.Value, r.ToProduct!.Name }).Distinct().ToListAsync(ct);
        var productIds = products.Select(p => p.Id).ToList();
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => i.Vendors.Any(v => ids.Contains(v.ActorId)) || i.Products.Any(p => productIds.Contains(p.ProductId)))
            .Select(i => new { i.Id, i.Slug, i.Title, i.DisclosedOn, i.FirstSeen, i.ForensicStatus, i.Marking }).ToListAsync(ct);
        incidents = incidents.OrderBy(i => i.DisclosedOn ?? i.FirstSeen ?? "9999", StringComparer.Ordinal).ThenBy(i => i.Slug, StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Incident, incidents.Select(i => i.Id), ct);
        var links = await IncidentLinks.LoadAsync(db, [.. incidents.Select(i => i.Id)], ct);
        var productNames = products.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var abroad = 0;
        var incidentLines = new List<BriefLine>();
        foreach (var i in incidents)
        {
            var l = links.GetValueOrDefault(i.Id) ?? IncidentLinks.Empty;
            var transnational = Transnational.IsTransnational(l.OperatorStates, l.Residences);
            abroad += transnational ? 1 : 0;
            var used = l.Products.Where(productNames.Contains).Distinct().ToList();
            incidentLines.Add(new BriefLine(
                $"{i.Title} (disclosed {i.DisclosedOn ?? "—"}; {i.ForensicStatus.ToLabel()}"
                + (used.Count > 0 ? $"; {BriefText.List(used)}" : "")
                + (l.OperatorStates.OfType<string>().Distinct().ToList() is { Count: > 0 } ops ? $"; suspected operator in {BriefText.List(ops.Select(Model.Countries.NameOf))}" : "")
                + (transnational ? "; transnational repression" : "") + ").",
                notes.For(RecordKind.Incident, i.Id), i.Marking, $"/incidents/{i.Slug}"));
        }
        var years = incidents.Select(i => CustomerDiligenceHandler.Year(i.DisclosedOn ?? i.FirstSeen)).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var byProduct = incidents.SelectMany(i => (links.GetValueOrDefault(i.Id) ?? IncidentLinks.Empty).Products.Where(productNames.Contains).Distinct())
            .GroupBy(p => p).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} in {g.Count()}").ToList();
        sections.Add(new BriefSection("incidents", "Incidents with its products", incidentLines,
            "No recorded incident involves its products or names a member of its network as vendor.",
            products.Count == 0 ? "No product of the network is recorded; incidents naming a member as vendor are listed."
                : $"Products of the network: {BriefText.List(products.Select(p => p.Name).Distinct().Order(StringComparer.Ordinal))}.",
            incidents.Count == 0
                ? "No recorded incident involves its products or names a member of its network as vendor."
                : $"{BriefText.Count(incidents.Count, "recorded incident")}{(years.Count > 0 ? $" ({CustomerDiligenceHandler.Span(years)})" : "")}"
                  + (byProduct.Count > 0 ? $" involve its products ({BriefText.List(byProduct)})" : " name a member of its network as vendor")
                  + (abroad > 0 ? $"; {abroad} of them transnational repression." : ".")));

        // 4. Rebrands and successors: succession edges and other names.
        var successions = edges.Where(e => e.Type == RelationshipType.SuccessorOf).ToList();
        var rebrands = successions.Select(e => new BriefLine($"{e.From} succeeds {e.To}{CountryBriefHandler.Dates(e.StartDate, e.EndDate)}.",
            notes.For(RecordKind.Relationship, e.Id), e.Marking, $"/relationships/{e.Slug}")).ToList();
        var aliases = await db.ActorAliases.AsNoTracking().Where(a => a.ActorId == vendor.Id).Select(a => a.Name).ToListAsync(ct);
        aliases = aliases.Distinct(StringComparer.Ordinal).Where(a => a != vendor.Name).Order(StringComparer.Ordinal).ToList();
        if (aliases.Count > 0)
        {
            var own = await db.Actors.AsNoTracking().Where(a => a.Id == vendor.Id).Select(a => a.Marking).FirstAsync(ct);
            await notes.LoadAsync(RecordKind.Actor, [vendor.Id], ct);
            rebrands.Add(new BriefLine($"{vendor.Name} is also known as {BriefText.List(aliases)}.", notes.For(RecordKind.Actor, vendor.Id), own, $"/actors/{vendor.Slug}"));
        }
        sections.Add(new BriefSection("rebrands", "Rebrands and successors", rebrands,
            "No rebrand, successor or other name is recorded.", null,
            successions.Count == 0
                ? "No rebrand or successor is recorded in its network" + (aliases.Count > 0 ? $"; it has {BriefText.Count(aliases.Count, "other name")}." : ".")
                : $"{BriefText.Count(successions.Count, "succession")} in its network: {BriefText.List(successions.Select(e => $"{e.From} succeeds {e.To}"))}"
                  + (aliases.Count > 0 ? $"; {vendor.Name} has {BriefText.Count(aliases.Count, "other name")}." : ".")));

        // 5. Words vs. actions, for every member with a stated policy or endorsement.
        var slugs = matrix.Network.Select(m => m.Actor.Slug).ToHashSet(StringComparer.Ordinal);
        var found = (await contradictions.HandleAsync(null, null, ct)).Where(c => slugs.Contains(c.ActorSlug)).ToList();
        var cited = await EventRecordsAsync(found.Select(c => c.EventKey), ct);
        foreach (var group in cited.GroupBy(c => c.Value.Kind))
        {
            await notes.LoadAsync(group.Key, group.Select(c => c.Value.Id), ct);
        }
        sections.Add(new BriefSection("words-actions", "Words vs. actions", found.Select(c =>
            {
                var record = cited.GetValueOrDefault(c.EventKey);
                return new BriefLine(
                    $"{c.ActorName}, {c.Framework}{(c.PromiseDate is null ? "" : $" ({c.PromiseDate})")}: {c.EventTitle}{(c.EventDate is null ? "" : $" ({c.EventDate})")} — {c.Reason}",
                    record is null ? [] : notes.For(record.Kind, record.Id), record?.Marking ?? Marking.Clear, c.Link);
            }).ToList(),
            "No recorded action contradicts a stated policy of its network (or it has no policy on record).", null,
            found.Count == 0
                ? "No recorded action contradicts a policy or endorsement of its network (or none is on record)."
                : $"{BriefText.Count(found.Count, "recorded action")} after {BriefText.List(found.Select(c => $"{c.ActorName}'s {c.Framework}").Distinct())} contradict{(found.Count == 1 ? "s" : "")} it."));

        return new BriefDocument("diligence-" + DiligenceKinds.Vendor, vendor.Slug, $"Due diligence on a prospective vendor: {vendor.Name}",
            "Vetting a vendor before acquiring (Pall Mall Code of Practice): measures against its network, incidents with its products, rebrands, and its words against its actions. Each factor gives its evidence and a plain verdict; there is no score.",
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), await BriefNotes.DataVersionAsync(db, ct), db.Reader.Name, db.Reader.Clearance,
            sections.Select(s => s.Verdict).OfType<string>().ToList(), sections, notes.Footnotes, "Vigil due-diligence report");
    }

    private sealed record EventRecord(RecordKind Kind, long Id, Marking Marking);

    /// <summary>The records behind words-vs-actions events ("incident:slug", "measure:slug", "relationship:slug"), for their footnotes and markings.</summary>
    private async Task<Dictionary<string, EventRecord>> EventRecordsAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        var parsed = keys.Distinct(StringComparer.Ordinal).Select(k => k.Split(':', 2)).Where(p => p.Length == 2).ToList();
        var result = new Dictionary<string, EventRecord>(StringComparer.Ordinal);
        var incidents = parsed.Where(p => p[0] == "incident").Select(p => p[1]).ToList();
        foreach (var r in await db.Incidents.AsNoTracking().Where(i => incidents.Contains(i.Slug)).Select(i => new { i.Slug, i.Id, i.Marking }).ToListAsync(ct))
        {
            result["incident:" + r.Slug] = new(RecordKind.Incident, r.Id, r.Marking);
        }
        var measures = parsed.Where(p => p[0] == "measure").Select(p => p[1]).ToList();
        foreach (var r in await db.Measures.AsNoTracking().Where(m => measures.Contains(m.Slug)).Select(m => new { m.Slug, m.Id, m.Marking }).ToListAsync(ct))
        {
            result["measure:" + r.Slug] = new(RecordKind.Measure, r.Id, r.Marking);
        }
        var relationships = parsed.Where(p => p[0] == "relationship").Select(p => p[1]).ToList();
        foreach (var r in await db.Relationships.AsNoTracking().Where(x => relationships.Contains(x.Slug)).Select(x => new { x.Slug, x.Id, x.Marking }).ToListAsync(ct))
        {
            result["relationship:" + r.Slug] = new(RecordKind.Relationship, r.Id, r.Marking);
        }
        return result;
    }

    private static string Words(RelationshipType t) => t switch
    {
        RelationshipType.Owns => "owns",
        RelationshipType.SubsidiaryOf => "is a subsidiary of",
        RelationshipType.SuccessorOf => "succeeds",
        RelationshipType.OfficerOf => "is an officer of",
        RelationshipType.InvestsIn => "invests in",
        RelationshipType.BrokersFor => "brokers for",
        RelationshipType.PartOf => "is part of",
        _ => t.ToLabel(),
    };
}
