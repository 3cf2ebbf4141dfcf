using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Features.Export;

/// <summary>One FollowTheMoney entity: its id, schema and properties (every value a string, as FtM has them).</summary>
public sealed record FtmEntity(string Id, string Schema, IReadOnlyDictionary<string, List<string>> Properties)
{
    /// <summary>The entity as one line of FtM JSON, with the dataset <c>vigil</c>.</summary>
    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", Id);
            json.WriteString("schema", Schema);
            json.WriteStartObject("properties");
            foreach (var (name, values) in Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteStartArray(name);
                foreach (var value in values)
                {
                    json.WriteStringValue(value);
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteStartArray("datasets");
            json.WriteStringValue(ExportFtmHandler.Dataset);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>The entities of an FtM export and the highest marking behind them (for the audit rule).</summary>
public sealed record FtmExport(IReadOnlyList<FtmEntity> Entities, Marking Highest)
{
    /// <summary>The export as FtM line JSON: one entity a line, UTF-8.</summary>
    public byte[] ToLines()
    {
        var text = new StringBuilder();
        foreach (var entity in Entities)
        {
            text.Append(entity.ToJsonLine()).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

/// <summary>
/// The graph as FollowTheMoney entities, as far as the reader may see it (the query filters of
/// <see cref="VigilDb"/> are the access rule): actors as <c>Company</c>, <c>Person</c>, <c>PublicBody</c>
/// (states too, with the topic <c>gov.national</c>) or <c>Organization</c>; owns, subsidiary-of and
/// invests-in as <c>Ownership</c>; officer-of as <c>Directorship</c>; successor-of as <c>Succession</c>,
/// brokers-for as <c>Representation</c>, part-of as <c>Membership</c>, supplies (and an edge whose ends
/// the FtM schema does not allow) as <c>UnknownLink</c> with the Vigil type as its role; sanctions,
/// export-control listings, visa restrictions and procurement bans as <c>Sanction</c>. Each carries the
/// URLs and publishers of the sources it cites (<c>sourceUrl</c>, <c>publisher</c>). Products (FtM has
/// no schema for software), the edges to them, incidents (and so their targets), assessments and court
/// cases are left out.
/// <para>Ids are stable (<c>vigil-actor-SLUG</c>, <c>vigil-rel-SLUG</c>, <c>vigil-measure-SLUG</c>), so a
/// re-export updates what an earlier one gave. What FtM has no property for and a re-import needs goes
/// into <c>keywords</c> (of actors) or <c>status</c> (of edges and sanctions, which have no keywords; a
/// sanction's stage comes first): <c>state</c>, the marking above CLEAR (<c>TLP:AMBER</c>), a status other
/// than published (<c>draft</c>), an edge's <c>confidence:high</c>. An identifier is an <c>idNumber</c>
/// "scheme:value" (Wikidata ids also as <c>wikidataId</c>).</para>
/// </summary>
public sealed class ExportFtmHandler(VigilDb db, SecurityDb security, TimeProvider clock)
{
    /// <summary>The FtM dataset name of a Vigil export; every id also starts with <see cref="IdPrefix"/>.</summary>
    public const string Dataset = "vigil";

    /// <summary>What every id of a Vigil export starts with: how the FtM import tells a Vigil export from a sanctions dataset.</summary>
    public const string IdPrefix = "vigil-";

    public const string ActorPrefix = "vigil-actor-";
    public const string RelationshipPrefix = "vigil-rel-";
    public const string MeasurePrefix = "vigil-measure-";

    /// <summary>The keyword that marks a state (FtM has no schema for states: they go out as public bodies).</summary>
    public const string StateKeyword = "state";

    /// <summary>The measure types that are designations, exported as FtM <c>Sanction</c>.</summary>
    public static readonly IReadOnlySet<MeasureType> SanctionTypes = new HashSet<MeasureType>
    {
        MeasureType.Sanction, MeasureType.ExportControlListing, MeasureType.VisaRestriction, MeasureType.ProcurementBan,
    };

    /// <summary>The export, read under the access rule; one carrying AMBER or RED records is written to the audit log.</summary>
    public async Task<FtmExport> HandleAsync(CancellationToken ct = default)
    {
        var export = await ReadAsync(db, ct);
        await ExportAudit.RecordAsync(security, clock, db.Reader.Name, new ExportSummary("ftm", export.Entities.Count, export.Highest), ct);
        return export;
    }

    /// <summary>The export, read under the access rule of <paramref name="db"/>'s reader, without an audit entry.</summary>
    public static async Task<FtmExport> ReadAsync(VigilDb db, CancellationToken ct = default)
    {
        var entities = new List<FtmEntity>();
        var markings = new List<Marking>();

        // The sources each record cites, as far as the reader may see both the citation and the source.
        var citations = await db.Citations.AsNoTracking()
            .Where(c => c.ActorId != null || c.RelationshipId != null || c.MeasureId != null)
            .Select(c => new { c.ActorId, c.RelationshipId, c.MeasureId, c.Source!.Url, c.Source.Publisher, SourceMarking = (Marking?)c.Source.Marking, c.Marking })
            .ToListAsync(ct);
        citations = [.. citations.Where(c => c.SourceMarking is not null)];
        markings.AddRange(citations.SelectMany(c => new[] { c.SourceMarking!.Value, c.Marking }));
        void Provenance(Dictionary<string, List<string>> properties, IEnumerable<(string? Url, string? Publisher)> sources)
        {
            var list = sources.ToList();
            Add(properties, "sourceUrl", list.Select(s => s.Url).Where(u => u is not null && u.Contains("://", StringComparison.Ordinal)));
            Add(properties, "publisher", list.Select(s => s.Publisher));
        }

        var actors = await db.Actors.AsNoTracking().AsSplitQuery().Include(a => a.Aliases).Include(a => a.Identifiers).OrderBy(a => a.Slug).ToListAsync(ct);
        var schemaOf = new Dictionary<long, string>();
        var byActor = citations.Where(c => c.ActorId != null).ToLookup(c => c.ActorId!.Value, c => (c.Url, c.Publisher));
        foreach (var a in actors)
        {
            var schema = SchemaOf(a.ActorKind);
            schemaOf[a.Id] = schema;
            markings.Add(a.Marking);
            var p = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            Add(p, "name", [a.Name]);
            Add(p, "alias", a.Aliases.Select(x => x.Name));
            Add(p, "country", [a.Country?.ToLowerInvariant()]);
            Add(p, "description", [a.Description]);
            Add(p, a.ActorKind == ActorKind.Person ? "birthDate" : "incorporationDate", [a.StartDate]);
            Add(p, a.ActorKind == ActorKind.Person ? "deathDate" : "dissolutionDate", [a.EndDate]);
            Add(p, "idNumber", a.Identifiers.Select(i => $"{i.Scheme}:{i.Value}"));
            Add(p, "wikidataId", a.Identifiers.Where(i => i.Scheme == "wikidata").Select(i => i.Value));
            if (a.ActorKind == ActorKind.State)
            {
                Add(p, "topics", ["gov.national"]);
            }
            Add(p, "keywords", Keywords(a.Marking, a.Status, a.ActorKind == ActorKind.State ? StateKeyword : null));
            Provenance(p, byActor[a.Id]);
            entities.Add(new FtmEntity(ActorPrefix + a.Slug, schema, p));
        }

        // An edge whose end the reader may not see is hidden with it (the navigation is null).
        var edges = (await db.Relationships.AsNoTracking().Where(r => r.ToActorId != null).OrderBy(r => r.Slug).Select(r => new
        {
            r.Id, r.Slug, r.Type, From = r.FromActor!.Slug, FromId = (long?)r.FromActor!.Id, To = r.ToActor!.Slug, ToId = (long?)r.ToActor!.Id,
            r.Role, r.SharePercent, r.StartDate, r.EndDate, r.Confidence, r.Description, r.Marking, r.Status,
        }).ToListAsync(ct)).Where(r => r.From is not null && r.To is not null);
        var byEdge = citations.Where(c => c.RelationshipId != null).ToLookup(c => c.RelationshipId!.Value, c => (c.Url, c.Publisher));
        foreach (var r in edges)
        {
            markings.Add(r.Marking);
            var (schema, source, target, role) = EdgeOf(r.Type, schemaOf[r.FromId!.Value], schemaOf[r.ToId!.Value], r.Role);
            var (fromEnd, toEnd) = r.Type == RelationshipType.SubsidiaryOf && schema == "Ownership" || r.Type == RelationshipType.SuccessorOf && schema == "Succession"
                ? (target, source) : (source, target);
            var p = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            Add(p, fromEnd, [ActorPrefix + r.From]);
            Add(p, toEnd, [ActorPrefix + r.To]);
            Add(p, "role", [role]);
            Add(p, "percentage", [r.SharePercent?.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture)]);
            Add(p, "startDate", [r.StartDate]);
            Add(p, "endDate", [r.EndDate]);
            Add(p, "description", [r.Description]);
            Add(p, "status", Keywords(r.Marking, r.Status, "confidence:" + r.Confidence.ToLabel()));
            Provenance(p, byEdge[r.Id]);
            entities.Add(new FtmEntity(RelationshipPrefix + r.Slug, schema, p));
        }

        var types = SanctionTypes.ToArray();
        var measures = await db.Measures.AsNoTracking().AsSplitQuery().Include(m => m.Authority).Include(m => m.Targets).ThenInclude(t => t.Actor)
            .Where(m => types.Contains(m.Type)).OrderBy(m => m.Slug).ToListAsync(ct);
        var byMeasure = citations.Where(c => c.MeasureId != null).ToLookup(c => c.MeasureId!.Value, c => (c.Url, c.Publisher));
        foreach (var m in measures.Where(m => m.Authority is not null && m.Targets.Any(t => t.Actor is not null)))
        {
            markings.Add(m.Marking);
            var p = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            Add(p, "entity", m.Targets.Where(t => t.Actor is not null).Select(t => ActorPrefix + t.Actor!.Slug).Order(StringComparer.Ordinal));
            Add(p, "authority", [m.Authority!.Name]);
            Add(p, "country", [m.Authority.Country?.ToLowerInvariant()]);
            Add(p, "summary", [m.Title]);
            Add(p, "description", [m.Description]);
            Add(p, "program", [m.Programme]);
            Add(p, "authorityId", [m.Reference]);
            Add(p, "provisions", [m.Type.ToLabel()]);
            Add(p, "status", [m.Stage.ToLabel(), .. Keywords(m.Marking, m.Status, null)]);
            Add(p, "listingDate", [m.AnnouncedDate]);
            Add(p, "startDate", [m.EffectiveDate]);
            Add(p, "endDate", [m.LiftedDate]);
            Provenance(p, byMeasure[m.Id]);
            entities.Add(new FtmEntity(MeasurePrefix + m.Slug, "Sanction", p));
        }
        return new FtmExport(entities, markings.DefaultIfEmpty(Marking.Clear).Max());
    }

    /// <summary>The FtM schema of an actor kind.</summary>
    public static string SchemaOf(ActorKind kind) => kind switch
    {
        ActorKind.Company => "Company",
        ActorKind.Person => "Person",
        ActorKind.Organisation => "Organization",
        _ => "PublicBody",
    };

    private static readonly HashSet<string> s_organizations = ["Company", "Organization", "PublicBody"];

    /// <summary>
    /// The FtM schema of an edge, the properties of its two ends (in the edge's direction: owner → asset,
    /// director → organization) and its role; an edge whose ends the schema's ranges do not allow (an
    /// Ownership's asset must be a company, a Directorship's organization an organisation) is an
    /// <c>UnknownLink</c> whose role is the Vigil type.
    /// </summary>
    private static (string Schema, string From, string To, string? Role) EdgeOf(RelationshipType type, string from, string to, string? role)
    {
        var unknown = ("UnknownLink", "subject", "object", type.ToLabel());
        return type switch
        {
            RelationshipType.Owns when to == "Company" => ("Ownership", "owner", "asset", role),
            RelationshipType.InvestsIn when to == "Company" => ("Ownership", "owner", "asset", InvestorRole),
            RelationshipType.SubsidiaryOf when from == "Company" => ("Ownership", "owner", "asset", SubsidiaryRole),
            RelationshipType.OfficerOf when s_organizations.Contains(to) => ("Directorship", "director", "organization", role),
            RelationshipType.SuccessorOf => ("Succession", "predecessor", "successor", role),
            RelationshipType.BrokersFor => ("Representation", "agent", "client", role),
            RelationshipType.PartOf when s_organizations.Contains(to) => ("Membership", "member", "organization", role),
            _ => unknown,
        };
    }

    /// <summary>The role of an Ownership that stands for subsidiary-of (as OpenSanctions writes it).</summary>
    public const string SubsidiaryRole = "subsidiary of";

    /// <summary>The role of an Ownership that stands for invests-in.</summary>
    public const string InvestorRole = "investor";

    private static IEnumerable<string?> Keywords(Marking marking, ReviewStatus status, string? other) =>
        [marking == Marking.Clear ? null : "TLP:" + marking.ToLabel(), status == ReviewStatus.Published ? null : status.ToLabel(), other];

    private static void Add(Dictionary<string, List<string>> properties, string name, IEnumerable<string?> values)
    {
        var list = values.OfType<string>().Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > 0)
        {
            properties[name] = list;
        }
    }
}
