using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Formats.Stix;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Features.Export;

/// <summary>
/// One value (vendor) of a MISP galaxy cluster: what goes into <c>values[]</c>: its name, uuid and description;
/// <c>meta</c>'s country, synonyms, refs and products; its <c>related</c> edges to other vendors of the file.
/// </summary>
public sealed record MispValue(string Value, string Uuid, string? Description, string? Country, IReadOnlyList<string> Synonyms,
    IReadOnlyList<string> Refs, IReadOnlyList<string> Products, IReadOnlyList<MispRelated> Related);

/// <summary>A <c>related</c> entry of a MISP galaxy value: the other value's uuid, the MISP relationship type, and the confidence as an estimative-language tag.</summary>
public sealed record MispRelated(string DestUuid, string Type, Confidence Confidence)
{
    /// <summary>The estimative-language tag MISP galaxies carry on <c>related</c> entries, for a Vigil confidence.</summary>
    public string Tag => $"estimative-language:likelihood-probability=\"{ExportMispGalaxyHandler.Likelihood(Confidence)}\"";
}

/// <summary>A MISP galaxy cluster file of the surveillance vendors a reader may see, and the highest marking behind it (for the audit rule).</summary>
public sealed record MispGalaxyExport(IReadOnlyList<MispValue> Values, Marking Highest)
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        NewLine = "\n",
        // MISP's files are plain UTF-8 (jq's output): names in Hebrew, Greek or with curly quotes stay readable in a diff.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The file, in the shape and layout of MISP/misp-galaxy's <c>clusters/surveillance-vendor.json</c>: keys sorted
    /// (as MISP's <c>jq -S</c> leaves them), two-space indents, a final newline; values sorted by name, then uuid.
    /// </summary>
    public byte[] ToUtf8()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_options))
        {
            json.WriteStartObject();
            json.WriteStartArray("authors");
            foreach (var author in ExportMispGalaxyHandler.Authors)
            {
                json.WriteStringValue(author);
            }
            json.WriteEndArray();
            json.WriteString("category", ExportMispGalaxyHandler.Category);
            json.WriteString("description", ExportMispGalaxyHandler.Description);
            json.WriteString("name", ExportMispGalaxyHandler.Name);
            json.WriteString("source", ExportMispGalaxyHandler.Source);
            json.WriteString("type", ExportMispGalaxyHandler.Type);
            json.WriteString("uuid", ExportMispGalaxyHandler.ClusterUuid);
            json.WriteStartArray("values");
            foreach (var v in Values)
            {
                json.WriteStartObject();
                if (!string.IsNullOrWhiteSpace(v.Description))
                {
                    json.WriteString("description", v.Description);
                }
                if (v.Country is not null || v.Products.Count > 0 || v.Refs.Count > 0 || v.Synonyms.Count > 0)
                {
                    json.WriteStartObject("meta");
                    if (v.Country is not null)
                    {
                        json.WriteString("country", v.Country);
                    }
                    Strings(json, "products", v.Products);
                    Strings(json, "refs", v.Refs);
                    Strings(json, "synonyms", v.Synonyms);
                    json.WriteEndObject();
                }
                if (v.Related.Count > 0)
                {
                    json.WriteStartArray("related");
                    foreach (var r in v.Related)
                    {
                        json.WriteStartObject();
                        json.WriteString("dest-uuid", r.DestUuid);
                        json.WriteStartArray("tags");
                        json.WriteStringValue(r.Tag);
                        json.WriteEndArray();
                        json.WriteString("type", r.Type);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                json.WriteString("uuid", v.Uuid);
                json.WriteString("value", v.Value);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("version", ExportMispGalaxyHandler.Version);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}

/// <summary>
/// The surveillance vendors as a MISP galaxy cluster file: the same cluster as MISP/misp-galaxy's
/// <c>clusters/surveillance-vendor.json</c> (its uuid, type and name; the version one above the one Vigil
/// imported), so that Vigil's corrections go back to the MISP community in the format it uses, and MISP sees
/// an update of its cluster rather than a new one. Read under the access rule of the reader's
/// <see cref="VigilDb"/>: a hidden vendor, a hidden edge, a hidden source are not in the file.
/// <para>A vendor is a company (or organisation) that carries a MISP uuid (it came from the galaxy), or that
/// develops or supplies something, or that is the successor, subsidiary or part of such a company, or has one
/// as its successor, subsidiary or part. Its value keeps the galaxy's uuid where it has one; any other vendor
/// gets the UUIDv5 of its slug in Vigil's namespace (the uuid of its STIX identity), stable across
/// installations. <c>meta</c>: <c>country</c> (ISO 3166-1 alpha-2), <c>products</c> (what it develops),
/// <c>refs</c> (the URLs of the sources it cites; MISP's <c>official-refs</c> come back as refs, as Vigil does
/// not tell them apart) and <c>synonyms</c> (its aliases). <c>related</c>: its successor-of, subsidiary-of,
/// part-of and owns edges to other vendors of the file, as <c>successor-of</c>, <c>subsidiary-of</c>,
/// <c>part-of</c> and <c>owner-of</c>, with the confidence as an estimative-language tag.</para>
/// </summary>
public sealed class ExportMispGalaxyHandler(VigilDb db, SecurityDb security, TimeProvider clock)
{
    // The cluster of MISP/misp-galaxy this file updates (clusters/surveillance-vendor.json, version 11, as in
    // data/misp/): keep its uuid, type and name, or MISP would see a second cluster beside its own.
    public const string ClusterUuid = "c3631f86-14f1-11ea-88b0-d37ade2e3f89";
    public const string Type = "surveillance-vendor";
    public const string Name = "Surveillance Vendor";
    public const string Category = "actor";
    public const string Source = "MISP Project";
    public const string Description = "List of vendors selling surveillance technologies including malware, interception devices or computer exploitation services.";
    public static readonly IReadOnlyList<string> Authors = ["Various"];

    /// <summary>The version of the upstream cluster Vigil imported.</summary>
    public const int UpstreamVersion = 11;

    /// <summary>The version this file carries: one above the upstream one, fixed, so that two exports of the same data are the same bytes.</summary>
    public const int Version = UpstreamVersion + 1;

    /// <summary>The file name MISP gives the cluster (<c>clusters/surveillance-vendor.json</c>).</summary>
    public const string FileName = "surveillance-vendor.json";

    /// <summary>The MISP relationship type of each Vigil edge type that goes out between vendors.</summary>
    public static readonly IReadOnlyDictionary<RelationshipType, string> RelatedTypes = new Dictionary<RelationshipType, string>
    {
        [RelationshipType.SuccessorOf] = "successor-of",
        [RelationshipType.SubsidiaryOf] = "subsidiary-of",
        [RelationshipType.PartOf] = "part-of",
        [RelationshipType.Owns] = "owner-of",
    };

    /// <summary>The estimative-language likelihood (MISP's taxonomy) that stands for a Vigil confidence.</summary>
    public static string Likelihood(Confidence confidence) => confidence switch
    {
        Confidence.High => "almost-certain",
        Confidence.Moderate => "likely",
        _ => "roughly-even-chance",
    };

    /// <summary>The export, read under the access rule; one carrying AMBER or RED records is written to the audit log.</summary>
    public async Task<MispGalaxyExport> HandleAsync(CancellationToken ct = default)
    {
        var export = await ReadAsync(db, ct);
        await ExportAudit.RecordAsync(security, clock, db.Reader.Name, new ExportSummary("misp", export.Values.Count, export.Highest), ct);
        return export;
    }

    /// <summary>The export, read under the access rule of <paramref name="db"/>'s reader, without an audit entry.</summary>
    public static async Task<MispGalaxyExport> ReadAsync(VigilDb db, CancellationToken ct = default)
    {
        var markings = new List<Marking>();
        var actors = (await db.Actors.AsNoTracking().AsSplitQuery().Include(a => a.Aliases).Include(a => a.Identifiers)
                .Where(a => a.ActorKind == ActorKind.Company || a.ActorKind == ActorKind.Organisation)
                .ToListAsync(ct))
            .OrderBy(a => a.Slug, StringComparer.Ordinal).ToList();
        var byId = actors.ToDictionary(a => a.Id);

        // Edges whose ends the reader may see (a hidden end makes the navigation null).
        var edges = (await db.Relationships.AsNoTracking().Select(r => new
        {
            r.Id, r.Type, From = (long?)r.FromActor!.Id, To = (long?)r.ToActor!.Id, r.ToActorId, Product = r.ToProduct!.Name, r.ToProductId, r.Confidence, r.Marking,
        }).ToListAsync(ct)).Where(r => r.From is not null && (r.ToActorId is null || r.To is not null) && (r.ToProductId is null || r.Product is not null)).ToList();

        var vendors = actors.Where(a => a.Identifiers.Any(i => i.Scheme == "misp")).Select(a => a.Id).ToHashSet();
        vendors.UnionWith(edges.Where(e => e.Type is RelationshipType.Develops or RelationshipType.Supplies && byId.TryGetValue(e.From!.Value, out var a) && a.ActorKind == ActorKind.Company)
            .Select(e => e.From!.Value));
        // The corporate family of a vendor (its successors, subsidiaries, parts, and what it is one of) is in the market too.
        var family = edges.Where(e => e.Type is RelationshipType.SuccessorOf or RelationshipType.SubsidiaryOf or RelationshipType.PartOf
            && e.To is not null && byId.ContainsKey(e.From!.Value) && byId.ContainsKey(e.To.Value)).ToList();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var e in family)
            {
                var (from, to) = (e.From!.Value, e.To!.Value);
                if (vendors.Contains(from) != vendors.Contains(to) && byId[vendors.Contains(from) ? to : from].ActorKind == ActorKind.Company)
                {
                    vendors.Add(vendors.Contains(from) ? to : from);
                    grew = true;
                }
            }
        }

        // Each vendor's uuid: the galaxy's where it came from the galaxy (the first, should it carry two), else the UUIDv5 of its slug.
        var uuidOf = new Dictionary<long, string>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in actors.Where(a => vendors.Contains(a.Id)))
        {
            var misp = a.Identifiers.Where(i => i.Scheme == "misp" && Guid.TryParse(i.Value, out _)).Select(i => i.Value.ToLowerInvariant())
                .Order(StringComparer.Ordinal).FirstOrDefault(taken.Add);
            uuidOf[a.Id] = misp ?? StixIds.Uuid5(StixIds.Namespace, $"{Labels.RecordType(RecordKind.Actor)}:{a.Slug}").ToString();
            taken.Add(uuidOf[a.Id]);
        }

        // The sources each vendor cites, as far as the reader may see the citation and the source.
        var citations = (await db.Citations.AsNoTracking().Where(c => c.ActorId != null)
            .Select(c => new { c.ActorId, c.Source!.Url, SourceMarking = (Marking?)c.Source.Marking, c.Marking }).ToListAsync(ct))
            .Where(c => c.SourceMarking is not null && vendors.Contains(c.ActorId!.Value)).ToList();
        citations = [.. citations.Where(c => Uri.TryCreate(c.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https")];
        var refsOf = citations.ToLookup(c => c.ActorId!.Value, c => c.Url!.Trim());
        markings.AddRange(citations.SelectMany(c => new[] { c.SourceMarking!.Value, c.Marking }));

        var values = new List<MispValue>();
        foreach (var a in actors.Where(a => vendors.Contains(a.Id)))
        {
            markings.Add(a.Marking);
            var mine = edges.Where(e => e.From == a.Id).ToList();
            var products = mine.Where(e => e.Type == RelationshipType.Develops && e.Product is not null).ToList();
            markings.AddRange(products.Select(e => e.Marking));
            var related = mine.Where(e => e.To is not null && vendors.Contains(e.To.Value) && e.To != a.Id && RelatedTypes.ContainsKey(e.Type))
                .GroupBy(e => (Dest: uuidOf[e.To!.Value], Type: RelatedTypes[e.Type]))
                .Select(g => (g.Key, Edge: g.MaxBy(e => e.Confidence)!))
                .ToList();
            markings.AddRange(related.Select(r => r.Edge.Marking));
            values.Add(new MispValue(
                a.Name.Trim(),
                uuidOf[a.Id],
                a.Description?.Trim(),
                a.Country?.ToUpperInvariant(),
                Sorted(a.Aliases.Select(x => x.Name).Where(n => !string.Equals(n.Trim(), a.Name.Trim(), StringComparison.OrdinalIgnoreCase))),
                Sorted(refsOf[a.Id], StringComparer.Ordinal),
                Sorted(products.Select(e => e.Product!)),
                [.. related.Select(r => new MispRelated(r.Key.Dest, r.Key.Type, r.Edge.Confidence))
                    .OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.DestUuid, StringComparer.Ordinal)]));
        }
        values = [.. values.OrderBy(v => v.Value, StringComparer.OrdinalIgnoreCase).ThenBy(v => v.Value, StringComparer.Ordinal).ThenBy(v => v.Uuid, StringComparer.Ordinal)];
        return new MispGalaxyExport(values, markings.DefaultIfEmpty(Marking.Clear).Max());
    }

    /// <summary>Trimmed, sorted, each once (names compared without case unless told otherwise): the same data gives the same bytes.</summary>
    private static List<string> Sorted(IEnumerable<string> values, StringComparer? same = null) =>
        [.. values.Select(v => v.Trim()).Where(v => v.Length > 0).Order(StringComparer.Ordinal).Distinct(same ?? StringComparer.OrdinalIgnoreCase)];
}
