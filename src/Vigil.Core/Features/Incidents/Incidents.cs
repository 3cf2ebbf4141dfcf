using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;
using Vigil.Protection;
using Vigil.Search;

namespace Vigil.Features.Incidents;

/// <summary>A suspected operator as shown: the actor, its state, the confidence and the reasoning.</summary>
public sealed record OperatorView(RecordRef Actor, string? State, string? StateName, Confidence Confidence, string ConfidenceMeaning, string? Reasoning);

/// <summary>
/// A target as anyone who may see the incident sees it: pseudonym and category, never the identity.
/// <c>HasIdentity</c> says only that one is recorded; revealing it is <see cref="RevealTargetIdentityHandler"/>.
/// </summary>
public sealed record TargetView(
    string Slug, string Pseudonym, TargetCategory Category, string CategoryWords, string? ResidenceCountry, string? ResidenceCountryName,
    string? Nationality, ConsentStatus Consent, string Marking, bool HasIdentity, bool Transnational, IReadOnlyList<string> Editors);

/// <summary>An incident in full, as the reader may see it (links to hidden records are absent, not redacted).</summary>
public sealed record IncidentDetail(
    long Id, string Slug, string Title, string? Summary, string? FirstSeen, string? LastSeen, string? DisclosedOn,
    string? Country, string? CountryName, ForensicStatus ForensicStatus, AttackVector Vector, bool Transnational,
    string Marking, ReviewStatus Status, int Version, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy,
    IReadOnlyList<string> Authors, IReadOnlyList<RecordRef> Products, IReadOnlyList<RecordRef> Vendors, IReadOnlyList<OperatorView> Operators,
    IReadOnlyList<RecordRef> Investigators, IReadOnlyList<TargetView> Targets, IReadOnlyList<CitationView> Citations);

/// <summary>An incident in a list.</summary>
public sealed record IncidentSummary(
    long Id, string Slug, string Title, string? FirstSeen, string? LastSeen, string? DisclosedOn, string? Country,
    ForensicStatus ForensicStatus, AttackVector Vector, bool Transnational, ReviewStatus Status, string Marking, int Version,
    IReadOnlyList<string> Vendors, IReadOnlyList<string> Products, IReadOnlyList<string> OperatorStates, IReadOnlyList<string> TargetCategories);

/// <summary>Derived facts about incidents, as pure functions.</summary>
public static class Transnational
{
    /// <summary>
    /// Transnational repression: a suspected operator's state differs from a target's country of residence.
    /// Unknown countries on either side do not count.
    /// </summary>
    public static bool IsTransnational(IEnumerable<string?> operatorStates, IEnumerable<string?> targetResidences)
    {
        var residences = targetResidences.OfType<string>().ToList();
        return operatorStates.OfType<string>().Any(state => residences.Any(r => r != state));
    }

    /// <summary>The operator states that targeted someone residing outside their borders.</summary>
    public static IEnumerable<string> StatesActingAbroad(IEnumerable<string?> operatorStates, IEnumerable<string?> targetResidences)
    {
        var residences = targetResidences.OfType<string>().ToList();
        return operatorStates.OfType<string>().Distinct().Where(state => residences.Any(r => r != state));
    }
}

/// <summary>Gets one incident by id or slug; null when there is none the reader may see.</summary>
public sealed class GetIncidentHandler(VigilDb db)
{
    public async Task<IncidentDetail?> HandleAsync(string idOrSlug, CancellationToken ct = default)
    {
        var i = await db.Incidents.ByIdOrSlug(idOrSlug).AsNoTracking().FirstOrDefaultAsync(ct);
        if (i is null)
        {
            return null;
        }
        var products = await db.IncidentProducts.Where(x => x.IncidentId == i.Id).OrderBy(x => x.Product!.Name)
            .Select(x => new RecordRef("product", x.Product!.Slug, x.Product.Name, null)).ToListAsync(ct);
        var vendors = await db.IncidentVendors.Where(x => x.IncidentId == i.Id).OrderBy(x => x.Actor!.Name)
            .Select(x => new RecordRef("actor", x.Actor!.Slug, x.Actor.Name, null)).ToListAsync(ct);
        var investigators = await db.IncidentInvestigators.Where(x => x.IncidentId == i.Id).OrderBy(x => x.Actor!.Name)
            .Select(x => new RecordRef("actor", x.Actor!.Slug, x.Actor.Name, null)).ToListAsync(ct);
        var operators = await db.IncidentOperators.Where(x => x.IncidentId == i.Id).OrderByDescending(x => x.Confidence).ThenBy(x => x.Actor!.Name)
            .Select(x => new { x.Actor!.Slug, x.Actor.Name, x.Actor.Country, x.Confidence, x.Reasoning }).ToListAsync(ct);
        var targets = await db.Targets.Where(t => t.IncidentId == i.Id).OrderBy(t => t.Pseudonym)
            .Select(t => new
            {
                t.Slug, t.Pseudonym, t.Category, t.ResidenceCountry, t.Nationality, t.Consent, t.Marking,
                HasIdentity = t.IdentityCipher != null, Editors = t.Editors.OrderBy(e => e.UserName).Select(e => e.UserName).ToList(),
            }).ToListAsync(ct);
        var citations = await db.Citations.Where(c => c.IncidentId == i.Id).View().ToListAsync(ct);
        var states = operators.Select(o => o.Country).ToList();
        return new IncidentDetail(
            i.Id, i.Slug, i.Title, i.Summary, i.FirstSeen, i.LastSeen, i.DisclosedOn, i.Country, NameOf(i.Country), i.ForensicStatus, i.Vector,
            Transnational.IsTransnational(states, targets.Select(t => t.ResidenceCountry)),
            i.Marking.ToLabel(), i.Status, i.Version, i.CreatedAt, i.CreatedBy, i.UpdatedAt, i.UpdatedBy,
            await Evidence.AuthorsAsync(db, RecordKind.Incident, i.Id, ct), products, vendors,
            operators.Select(o => new OperatorView(new RecordRef("actor", o.Slug, o.Name, null), o.Country, NameOf(o.Country), o.Confidence,
                AttributionConfidence.Definitions[o.Confidence], o.Reasoning)).ToList(),
            investigators,
            targets.Select(t => new TargetView(t.Slug, t.Pseudonym, t.Category, t.Category.Words(), t.ResidenceCountry, NameOf(t.ResidenceCountry),
                t.Nationality, t.Consent, t.Marking.ToLabel(), t.HasIdentity, Transnational.IsTransnational(states, [t.ResidenceCountry]),
                // Who is assigned is the editors' business, not the public's.
                db.Reader.CanEdit ? t.Editors : [])).ToList(),
            citations);
    }

    internal static string? NameOf(string? code) => code is null ? null : Model.Countries.NameOf(code);
}

/// <summary>
/// Filters of the incident list, all optional: year (counted from first seen, else disclosure), vendor,
/// product, operator (an actor's slug), operatorState (ISO code of the operator's state), investigator,
/// category (a target category), country (where the targeting happened), transnational, status, full text,
/// actor (an actor's slug in any role: vendor, operator or investigator).
/// </summary>
public sealed record ListIncidentsQuery(
    int? Year = null, string? Vendor = null, string? Product = null, string? Operator = null, string? OperatorState = null,
    string? Investigator = null, string? Category = null, string? Country = null, bool? Transnational = null,
    string? Status = null, string? Q = null, bool Oldest = false, int? Page = null, int? PageSize = null, string? Actor = null);

/// <summary>Lists the incidents the reader may see, newest first (or oldest first for a timeline).</summary>
public sealed class ListIncidentsHandler(VigilDb db, Search.LookupHandler lookup)
{
    public async Task<ListResult<IncidentSummary>> HandleAsync(ListIncidentsQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        // Pick by name: each actor or product filter takes a name, an alias or a slug.
        query = query with
        {
            Vendor = await lookup.FilterSlugAsync("vendor", "actor", query.Vendor, errors, ct),
            Product = await lookup.FilterSlugAsync("product", "product", query.Product, errors, ct),
            Operator = await lookup.FilterSlugAsync("operator", "actor", query.Operator, errors, ct),
            Investigator = await lookup.FilterSlugAsync("investigator", "actor", query.Investigator, errors, ct),
            Actor = await lookup.FilterSlugAsync("actor", "actor", query.Actor, errors, ct),
        };
        var (page, pageSize) = Paging.Normalise(query.Page, query.PageSize, errors);
        var status = errors.StatusFilter(query.Status);
        var country = errors.Country("country", query.Country);
        var operatorState = errors.Country("operatorState", query.OperatorState);
        TargetCategory? category = null;
        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            if (IncidentLabels.TryParse<TargetCategory>(query.Category, out var c))
            {
                category = c;
            }
            else
            {
                errors.Add("category", $"'{query.Category}' is not one of: {string.Join(", ", IncidentLabels.All<TargetCategory>())}.");
            }
        }
        if (!errors.IsEmpty)
        {
            return ListResult<IncidentSummary>.Invalid(errors);
        }
        var incidents = Filter(db, query, status, country, operatorState, category);
        IQueryable<Incident> ordered = string.IsNullOrWhiteSpace(query.Q)
            ? query.Oldest
                ? incidents.OrderBy(i => i.FirstSeen ?? i.DisclosedOn).ThenBy(i => i.Id)
                : incidents.OrderByDescending(i => i.FirstSeen ?? i.DisclosedOn).ThenByDescending(i => i.Id)
            : from i in incidents
              join h in FullText.Match(db, RecordKind.Incident, query.Q) on i.Id equals h.RecordId
              orderby h.Rank, i.Id
              select i;
        var rows = ordered.Select(i => new
        {
            i.Id, i.Slug, i.Title, i.FirstSeen, i.LastSeen, i.DisclosedOn, i.Country, i.ForensicStatus, i.Vector, i.Status, i.Marking, i.Version,
        });
        var total = await rows.CountAsync(ct);
        var items = await rows.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var ids = items.Select(i => i.Id).ToList();
        var links = await IncidentLinks.LoadAsync(db, ids, ct);
        var summaries = items.Select(i =>
        {
            var l = links.GetValueOrDefault(i.Id) ?? IncidentLinks.Empty;
            return new IncidentSummary(i.Id, i.Slug, i.Title, i.FirstSeen, i.LastSeen, i.DisclosedOn, i.Country, i.ForensicStatus, i.Vector,
                Transnational.IsTransnational(l.OperatorStates, l.Residences), i.Status, i.Marking.ToLabel(), i.Version,
                l.Vendors, l.Products, [.. l.OperatorStates.OfType<string>().Distinct()], [.. l.Categories.Select(c => c.Words()).Distinct()]);
        }).ToList();
        return new ListResult<IncidentSummary>(new PagedList<IncidentSummary>(summaries, total, page, pageSize));
    }

    /// <summary>The filters as one query over the reader's visible incidents (links through their filtered sets).</summary>
    internal static IQueryable<Incident> Filter(VigilDb db, ListIncidentsQuery query, ReviewStatus? status, string? country, string? operatorState, TargetCategory? category)
    {
        var incidents = db.Incidents.AsQueryable();
        if (status is not null)
        {
            incidents = incidents.Where(i => i.Status == status);
        }
        if (country is not null)
        {
            incidents = incidents.Where(i => i.Country == country);
        }
        if (query.Year is { } year)
        {
            var from = year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            var to = (year + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            incidents = incidents.Where(i => string.Compare(i.FirstSeen ?? i.DisclosedOn, from) >= 0 && string.Compare(i.FirstSeen ?? i.DisclosedOn, to) < 0);
        }
        if (!string.IsNullOrWhiteSpace(query.Vendor))
        {
            incidents = incidents.Where(i => db.IncidentVendors.Any(v => v.IncidentId == i.Id && v.Actor!.Slug == query.Vendor));
        }
        if (!string.IsNullOrWhiteSpace(query.Product))
        {
            incidents = incidents.Where(i => db.IncidentProducts.Any(p => p.IncidentId == i.Id && p.Product!.Slug == query.Product));
        }
        if (!string.IsNullOrWhiteSpace(query.Operator))
        {
            incidents = incidents.Where(i => db.IncidentOperators.Any(o => o.IncidentId == i.Id && o.Actor!.Slug == query.Operator));
        }
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            incidents = incidents.Where(i => db.IncidentOperators.Any(o => o.IncidentId == i.Id && o.Actor!.Slug == query.Actor)
                || db.IncidentVendors.Any(v => v.IncidentId == i.Id && v.Actor!.Slug == query.Actor)
                || db.IncidentInvestigators.Any(v => v.IncidentId == i.Id && v.Actor!.Slug == query.Actor));
        }
        if (operatorState is not null)
        {
            incidents = incidents.Where(i => db.IncidentOperators.Any(o => o.IncidentId == i.Id && o.Actor!.Country == operatorState));
        }
        if (!string.IsNullOrWhiteSpace(query.Investigator))
        {
            incidents = incidents.Where(i => db.IncidentInvestigators.Any(x => x.IncidentId == i.Id && x.Actor!.Slug == query.Investigator));
        }
        if (category is not null)
        {
            incidents = incidents.Where(i => db.Targets.Any(t => t.IncidentId == i.Id && t.Category == category));
        }
        if (query.Transnational is { } transnational)
        {
            // The derived flag, in SQL: an operator whose state differs from a visible target's residence
            // (restricted to operatorState when that filter is set, so "state X acting abroad" is exact).
            var abroad = incidents.Where(i => db.IncidentOperators.Any(o => o.IncidentId == i.Id && o.Actor!.Country != null
                && (operatorState == null || o.Actor.Country == operatorState)
                && db.Targets.Any(t => t.IncidentId == i.Id && t.ResidenceCountry != null && t.ResidenceCountry != o.Actor.Country)));
            incidents = transnational ? abroad : incidents.Where(i => !abroad.Any(a => a.Id == i.Id));
        }
        return incidents;
    }
}

/// <summary>The visible links of a set of incidents, loaded in a few queries (for lists, statistics, exports).</summary>
internal sealed record IncidentLinks(
    List<string> Vendors, List<string> VendorSlugs, List<string> Products, List<string> ProductSlugs, List<string?> OperatorStates,
    List<(string Slug, string Name)> Investigators, List<string?> Residences, List<TargetCategory> Categories)
{
    public static readonly IncidentLinks Empty = new([], [], [], [], [], [], [], []);

    public static async Task<Dictionary<long, IncidentLinks>> LoadAsync(VigilDb db, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var result = new Dictionary<long, IncidentLinks>();
        IncidentLinks Of(long id) => result.TryGetValue(id, out var l) ? l : result[id] = new([], [], [], [], [], [], [], []);
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var v in await db.IncidentVendors.Where(x => chunk.Contains(x.IncidentId)).OrderBy(x => x.Actor!.Name)
                .Select(x => new { x.IncidentId, x.Actor!.Slug, x.Actor.Name }).ToListAsync(ct))
            {
                Of(v.IncidentId).Vendors.Add(v.Name);
                Of(v.IncidentId).VendorSlugs.Add(v.Slug);
            }
            foreach (var p in await db.IncidentProducts.Where(x => chunk.Contains(x.IncidentId)).OrderBy(x => x.Product!.Name)
                .Select(x => new { x.IncidentId, x.Product!.Slug, x.Product.Name }).ToListAsync(ct))
            {
                Of(p.IncidentId).Products.Add(p.Name);
                Of(p.IncidentId).ProductSlugs.Add(p.Slug);
            }
            foreach (var o in await db.IncidentOperators.Where(x => chunk.Contains(x.IncidentId))
                .Select(x => new { x.IncidentId, x.Actor!.Country }).ToListAsync(ct))
            {
                Of(o.IncidentId).OperatorStates.Add(o.Country);
            }
            foreach (var x in await db.IncidentInvestigators.Where(x => chunk.Contains(x.IncidentId)).OrderBy(x => x.Actor!.Name)
                .Select(x => new { x.IncidentId, x.Actor!.Slug, x.Actor.Name }).ToListAsync(ct))
            {
                Of(x.IncidentId).Investigators.Add((x.Slug, x.Name));
            }
            foreach (var t in await db.Targets.Where(x => chunk.Contains(x.IncidentId))
                .Select(x => new { x.IncidentId, x.ResidenceCountry, x.Category }).ToListAsync(ct))
            {
                Of(t.IncidentId).Residences.Add(t.ResidenceCountry);
                Of(t.IncidentId).Categories.Add(t.Category);
            }
        }
        return result;
    }
}

/// <summary>Creates an incident (a draft unless the input says in-review) with its links and targets.</summary>
public sealed class CreateIncidentHandler(VigilDb db, GetIncidentHandler get, TargetKeyring keyring, Search.LookupHandler lookup)
{
    public async Task<WriteResult<IncidentDetail>> HandleAsync(IncidentInput input, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return WriteResult<IncidentDetail>.Forbidden();
        }
        var sealedInput = await IncidentInputs.SealIdentitiesAsync(input, db, keyring, ct);
        var incident = new Incident();
        return await RecordWrites.CreateAsync(db, incident, sealedInput.Slug,
            errors => IncidentInputs.ApplyAsync(sealedInput, incident, db, errors, ct, lookup),
            publishingNeedsCitation: true, slug => get.HandleAsync(slug, ct), ct);
    }
}

/// <summary>
/// Replaces an incident's fields with the input (which carries the version read). A published incident's
/// change is held for review; identities in it are sealed first, so the held change holds ciphertext only.
/// </summary>
public sealed class UpdateIncidentHandler(VigilDb db, GetIncidentHandler get, TargetKeyring keyring, Search.LookupHandler lookup)
{
    public async Task<WriteResult<IncidentDetail>> HandleAsync(string idOrSlug, IncidentInput input, CancellationToken ct = default)
    {
        // The linked records as the writer resolved them: a held change is published as the writer meant it.
        async Task<IReadOnlyList<string>?> CanonicalAsync(string kind, IReadOnlyList<string>? names)
        {
            if (names is null)
            {
                return null;
            }
            var slugs = new List<string>();
            foreach (var name in names)
            {
                slugs.Add(await lookup.CanonicalAsync(kind, name, ct) ?? name);
            }
            return slugs;
        }
        var operators = new List<OperatorInput>();
        foreach (var o in input.Operators ?? [])
        {
            // A JSON null in the list stays null: the validation names it.
            operators.Add(o is null ? o! : o with { Actor = await lookup.CanonicalAsync("actor", o.Actor, ct) });
        }
        input = input with
        {
            Products = await CanonicalAsync("product", input.Products), Vendors = await CanonicalAsync("actor", input.Vendors),
            Investigators = await CanonicalAsync("actor", input.Investigators), Operators = input.Operators is null ? null : operators,
        };
        var sealedInput = await IncidentInputs.SealIdentitiesAsync(input, db, keyring, ct);
        return await RecordWrites.UpdateAsync(db,
            db.Incidents.AsSplitQuery().Include(i => i.Products).Include(i => i.Vendors).Include(i => i.Operators).Include(i => i.Investigators)
                .Include(i => i.Targets).ThenInclude(t => t.Editors),
            idOrSlug, sealedInput.Version, sealedInput, sealedInput.Slug,
            (incident, errors) => IncidentInputs.ApplyAsync(sealedInput, incident, db, errors, ct, lookup),
            id => db.Citations.AnyAsync(c => c.IncidentId == id, ct),
            key => get.HandleAsync(key, ct), ct);
    }
}
