using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Commitments;
using Vigil.Features.Gaps;
using Vigil.Model;

namespace Vigil.Features.Briefs;

/// <summary>
/// The vendor dossier: the network with dates (owners, subsidiaries, successors, officers, investors,
/// brokers), products, known customers with the confidence of the evidence, incidents, measures by state,
/// and words vs. actions. Read through the reader's <see cref="VigilDb"/>. Null when there is no such actor.
/// </summary>
public sealed class VendorDossierHandler(VigilDb db, GetGapMatrixHandler gaps, ContradictionsHandler contradictions, TimeProvider clock)
{
    public async Task<BriefDocument?> HandleAsync(string vendorSlug, CancellationToken ct = default)
    {
        var matrix = await gaps.HandleAsync(new GapRequest(vendorSlug, GapReportHandler.Hops), ct);
        if (matrix is null)
        {
            return null;
        }
        var vendor = matrix.Vendor;
        var ids = matrix.Network.Select(n => n.Actor.Id).ToList();
        var notes = new BriefNotes(db);
        var sections = new List<BriefSection>();
        var summary = new List<string>();

        var types = GapAnalysis.NetworkTypes.Where(t => t != RelationshipType.PartOf).ToList();
        var edges = await db.Relationships.AsNoTracking()
            .Where(r => types.Contains(r.Type) && r.ToActorId != null && ids.Contains(r.FromActorId) && ids.Contains(r.ToActorId.Value))
            .Select(r => new { r.Id, r.Type, From = r.FromActor!.Name, To = r.ToActor!.Name, r.Role, r.SharePercent, r.StartDate, r.EndDate, r.Marking })
            .ToListAsync(ct);
        edges = edges.OrderBy(e => e.Type).ThenBy(e => e.StartDate ?? "9999", StringComparer.Ordinal).ThenBy(e => e.From, StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Relationship, edges.Select(e => e.Id), ct);
        sections.Add(new BriefSection("network", "Network", edges.Select(e => new BriefLine(
            $"{e.From} {Words(e.Type)} {e.To}" + (e.Role is null ? "" : $" ({e.Role})") + (e.SharePercent is { } s ? $", {s:0.##}%" : "")
            + CountryBriefHandler.Dates(e.StartDate, e.EndDate) + ".", notes.For(RecordKind.Relationship, e.Id), e.Marking)).ToList(),
            "No owner, subsidiary, successor, officer, investor or broker is recorded.",
            $"Owners, subsidiaries, successors, officers, investors and brokers within {GapReportHandler.Hops} hops."));
        summary.Add($"{vendor.Name}'s network in Vigil has {BriefText.Count(matrix.Network.Count, "member")} within {GapReportHandler.Hops} hops, joined by {BriefText.Count(edges.Count, "dated edge")}.");

        var products = await db.Relationships.AsNoTracking().Where(r => r.Type == RelationshipType.Develops && r.ToProductId != null && ids.Contains(r.FromActorId))
            .Select(r => new { r.Id, Developer = r.FromActor!.Name, Product = r.ToProduct!.Name, ProductSlug = r.ToProduct.Slug, r.StartDate, r.EndDate, r.Marking }).ToListAsync(ct);
        products = products.OrderBy(p => p.Product, StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Relationship, products.Select(p => p.Id), ct);
        sections.Add(new BriefSection("products", "Products", products.Select(p => new BriefLine(
            $"{p.Product}, developed by {p.Developer}{CountryBriefHandler.Dates(p.StartDate, p.EndDate)}.", notes.For(RecordKind.Relationship, p.Id), p.Marking, $"/products/{p.ProductSlug}")).ToList(),
            "No product is recorded."));

        var customers = await db.Relationships.AsNoTracking().Where(r => r.Type == RelationshipType.Supplies && r.ToActorId != null && ids.Contains(r.FromActorId))
            .Select(r => new { r.Id, Supplier = r.FromActor!.Name, Customer = r.ToActor!.Name, r.StartDate, r.EndDate, r.Confidence, r.Marking }).ToListAsync(ct);
        customers = customers.OrderByDescending(c => c.Confidence).ThenBy(c => c.Customer, StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Relationship, customers.Select(c => c.Id), ct);
        sections.Add(new BriefSection("customers", "Known customers", customers.Select(c => new BriefLine(
            $"{c.Customer}, supplied by {c.Supplier}{CountryBriefHandler.Dates(c.StartDate, c.EndDate)}; evidence {c.Confidence.ToLabel()}.",
            notes.For(RecordKind.Relationship, c.Id), c.Marking)).ToList(), "No customer is recorded.",
            "Evidence: high (official records, court findings or several independent sources), moderate (credible, not independently confirmed), low (single or weak source)."));
        summary.Add(customers.Count == 0 ? "No customer is recorded."
            : $"{BriefText.Count(customers.Select(c => c.Customer).Distinct().Count(), "customer")} {(customers.Count == 1 ? "is" : "are")} recorded ({customers.Count(c => c.Confidence == Confidence.High)} on high-confidence evidence).");

        var incidents = await db.Incidents.AsNoTracking().Where(i => i.Vendors.Any(v => ids.Contains(v.ActorId)))
            .Select(i => new { i.Id, i.Slug, i.Title, i.DisclosedOn, i.ForensicStatus, i.Marking }).ToListAsync(ct);
        incidents = incidents.OrderBy(i => i.DisclosedOn ?? "9999", StringComparer.Ordinal).ToList();
        await notes.LoadAsync(RecordKind.Incident, incidents.Select(i => i.Id), ct);
        sections.Add(new BriefSection("incidents", "Incidents", incidents.Select(i => new BriefLine(
            $"{i.Title} (disclosed {i.DisclosedOn ?? "—"}; {i.ForensicStatus.ToLabel()}).", notes.For(RecordKind.Incident, i.Id), i.Marking, $"/incidents/{i.Slug}")).ToList(),
            "No incident is recorded."));
        summary.Add($"Its products appear in {BriefText.Count(incidents.Count, "recorded incident")}.");

        var measures = await db.Measures.AsNoTracking().Where(m => m.Targets.Any(t => ids.Contains(t.ActorId)))
            .Select(m => new
            {
                m.Id, m.Title, m.Type, m.Stage, m.Marking, Since = m.EffectiveDate ?? m.AnnouncedDate, Authority = m.Authority!.Name, AuthorityCountry = m.Authority.Country,
                Targets = m.Targets.Where(t => ids.Contains(t.ActorId)).Select(t => t.Actor!.Name).ToList(),
            }).AsSplitQuery().ToListAsync(ct);
        await notes.LoadAsync(RecordKind.Measure, measures.Select(m => m.Id), ct);
        var byCountry = measures.OrderBy(m => m.AuthorityCountry is null ? "~" : Model.Countries.NameOf(m.AuthorityCountry), StringComparer.Ordinal)
            .ThenBy(m => m.Since ?? "9999", StringComparer.Ordinal).ToList();
        sections.Add(new BriefSection("measures", "Measures by state", byCountry.Select(m => new BriefLine(
            $"{(m.AuthorityCountry is null ? "" : Model.Countries.NameOf(m.AuthorityCountry) + " — ")}{m.Authority}: {m.Type.ToTitle()} ({m.Stage.ToLabel()}{(m.Since is null ? "" : ", " + m.Since)}) against {BriefText.List(m.Targets.Order(StringComparer.Ordinal))}.",
            notes.For(RecordKind.Measure, m.Id), m.Marking)).ToList(), "No measure against the network is recorded."));
        summary.Add(measures.Count == 0 ? "No measure against its network is recorded."
            : $"{BriefText.Count(measures.Count, "measure")} by {BriefText.Count(measures.Select(m => m.AuthorityCountry ?? m.Authority).Distinct().Count(), "jurisdiction")} target its network.");

        var found = await contradictions.HandleAsync(vendor.Slug, null, ct);
        sections.Add(new BriefSection("words-actions", "Words vs. actions", found.Select(c => new BriefLine(
            $"{c.Framework}{(c.PromiseDate is null ? "" : $" ({c.PromiseDate})")}: {c.EventTitle}{(c.EventDate is null ? "" : $" ({c.EventDate})")} — {c.Reason}", [], Marking.Clear, c.Link)).ToList(),
            "No contradiction between its stated policy and its recorded actions is found (or it has no policy on record)."));
        var requests = await Replies.ReplyRequests.OfAsync(db, db.ReplyRequests.Where(r => ids.Contains(r.ActorId)), ct);
        var replies = Replies.ReplyRequests.Record(new Common.RecordRef("actor", vendor.Slug, vendor.Name, null), requests);
        sections.Add(new BriefSection("reply", "Right of reply", requests.Select(r =>
            {
                var marking = Markings.TryParse(r.Marking, out var m) ? m : Marking.Clear;
                var about = r.About.Count == 0 ? "" : $" about {BriefText.List(r.About.Select(a => a.Name))}";
                var note = r.AnswerSource is { } s ? [notes.ForSource(s.Slug, s.Title, r.Actor.Name, s.Url, s.Date, marking)] : Array.Empty<int>();
                return new BriefLine($"{r.AskedDate}: {r.Actor.Name} asked by {r.Channel.Replace('-', ' ')}{about}. {r.Summary}", note, marking, $"/replies/{r.Slug}");
            }).ToList(),
            "Vigil holds no record of a request to this company or its network for comment.",
            "Requests for comment sent to the company and its network, and what they answered, declined or left unanswered."));
        summary.Add(requests.Count == 0 ? $"{vendor.Name} has not been asked for comment in Vigil."
            : replies.ResponseRate is null ? $"{vendor.Name} or its network was asked for comment {BriefText.Count(requests.Count, "time")}; no answer is due yet."
            : $"Asked for comment {BriefText.Count(requests.Count, "time")}, {vendor.Name} and its network {replies.RateText}.");
        return new BriefDocument(BriefKinds.Vendor, vendor.Slug, $"Vendor dossier: {vendor.Name}",
            "Who owns and runs it, what it sells and to whom, what it was used for, and what states did about it.",
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), await BriefNotes.DataVersionAsync(db, ct), db.Reader.Name, db.Reader.Clearance,
            summary, sections, notes.Footnotes);
    }

    private static string Words(RelationshipType t) => t switch
    {
        RelationshipType.Owns => "owns",
        RelationshipType.SubsidiaryOf => "is a subsidiary of",
        RelationshipType.SuccessorOf => "succeeds",
        RelationshipType.OfficerOf => "is an officer of",
        RelationshipType.InvestsIn => "invests in",
        RelationshipType.BrokersFor => "brokers for",
        _ => t.ToLabel(),
    };
}
