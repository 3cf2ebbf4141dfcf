using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Incidents;
using Vigil.Formats.Stix;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Features.Export;

/// <summary>
/// What a STIX export holds: the whole graph (no kind, no query, no record), the records of one kind
/// (<c>actors</c>, <c>products</c>, <c>relationships</c>, <c>incidents</c>, <c>measures</c>,
/// <c>indicators</c>), the records whose name holds <see cref="Query"/>, or one record (kind and slug).
/// </summary>
public sealed record StixScope(string? Kind = null, string? Query = null, string? Slug = null)
{
    /// <summary>The kinds a scope may name, as in the API's path.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["actors", "products", "relationships", "incidents", "measures", "indicators"];

    public string Name => Slug is not null ? $"{Kind}/{Slug}" : Kind is not null ? $"kind:{Kind}" : Query is not null ? $"query:{Query}" : "graph";
}

/// <summary>A STIX bundle as written, with the export's count and highest marking (for the audit).</summary>
public sealed record StixExport(JsonObject Bundle, ExportSummary Export)
{
    /// <summary>The bundle as UTF-8 JSON.</summary>
    public byte[] ToUtf8(bool indented = true) => JsonSerializer.SerializeToUtf8Bytes(Bundle, new JsonSerializerOptions { WriteIndented = indented });
}

/// <summary>
/// STIX 2.1 export of what the reader may see: every record is read through <see cref="VigilDb"/>'s
/// query filters (the one access rule), so a hidden record, and an edge or a link to one, is simply not
/// there. Actors are <c>identity</c> objects (states, agencies and organisations <c>located-at</c> a
/// <c>location</c>), products <c>malware</c> (a family) or, forensic ones, <c>tool</c>; edges are SROs
/// (<c>authored-by</c>, <c>uses</c>, <c>located-at</c>, <c>indicates</c>, else <c>related-to</c> with
/// Vigil's own type in a property extension); incidents are <c>report</c>s naming their products and
/// actors, their targets by pseudonym only; measures are <c>note</c>s; sources are
/// <c>external_references</c>; markings the official TLP marking definitions. Ids are UUIDv5 of the
/// record's kind and slug (<see cref="StixIds"/>), timestamps the record's own, so that a re-export updates
/// what a consumer holds. An export holding an AMBER or RED record is audited.
/// </summary>
public sealed class ExportStixHandler(VigilDb db, SecurityDb security, TimeProvider clock)
{
    /// <summary>Vigil as the creator of what it exports.</summary>
    public static readonly string VigilIdentity = StixIds.Of("identity", "vigil");

    /// <summary>The extension definition of Vigil's properties (edge types, incident and measure details).</summary>
    public static readonly string Extension = StixIds.Of("extension-definition", "vigil-properties");

    private const string Epoch = "2026-01-01T00:00:00.000Z";

    private sealed record Item(JsonObject Json, Marking Marking, string? Kind, string? Name, HashSet<string> Refs);

    /// <summary>
    /// The bundle of <paramref name="scope"/>, or null when it names a kind or a record that is not there (or hidden).
    /// The graph it is cut from is shared between requests (<see cref="ReadResults"/>): its objects are
    /// copied, never changed.
    /// </summary>
    public async Task<StixExport?> HandleAsync(StixScope scope, CancellationToken ct = default)
    {
        if (scope.Kind is { } k && !StixScope.Kinds.Contains(k))
        {
            return null;
        }
        // The graph as this kind of reader sees it, built once per data version (and database): a
        // record's bundle is a small part of it, and asking for several should not rebuild it each time.
        var items = (await ReadResults.GetOrComputeAsync(db, "stix-graph", async () => await BuildAsync(ct)))!;
        List<Item> seeds;
        if (scope.Slug is not null)
        {
            var key = $"{scope.Kind}:{scope.Slug}";
            seeds = [.. items.Values.Where(i => i.Kind is not null && $"{i.Kind}:{i.Json["x_vigil_key"]?.GetValue<string>()}" == key)];
            if (seeds.Count == 0)
            {
                return null;
            }
        }
        else if (scope.Kind is not null)
        {
            seeds = [.. items.Values.Where(i => i.Kind == scope.Kind)];
        }
        else if (scope.Query is { Length: > 0 } q)
        {
            seeds = [.. items.Values.Where(i => i.Name?.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase) == true)];
        }
        else
        {
            seeds = [.. items.Values];
        }
        var chosen = Closure(items, seeds, withEdges: scope.Slug is not null || scope.Kind is not null || scope.Query is not null);
        var objects = new JsonArray();
        foreach (var item in chosen.OrderBy(i => i.Json["type"]!.GetValue<string>() == "marking-definition" ? 0 : 1)
                     .ThenBy(i => i.Json["id"]!.GetValue<string>(), StringComparer.Ordinal))
        {
            var json = (JsonObject)item.Json.DeepClone();
            json.Remove("x_vigil_key");
            objects.Add(json);
        }
        var bundle = new JsonObject
        {
            ["type"] = "bundle",
            ["id"] = StixIds.Of("bundle", "export:" + scope.Name),
            ["objects"] = objects,
        };
        var records = chosen.Where(i => i.Kind is not null).ToList();
        var summary = new ExportSummary("stix", records.Count, records.Select(i => i.Marking).DefaultIfEmpty(Marking.Clear).Max());
        await ExportAudit.RecordAsync(security, clock, db.Reader.Name, summary, ct);
        return new StixExport(bundle, summary);
    }

    /// <summary>
    /// The seeds, the edges that touch them (for a part of the graph: an actor comes with its edges and
    /// their other ends), and everything they refer to.
    /// </summary>
    private static List<Item> Closure(IReadOnlyDictionary<string, Item> items, List<Item> seeds, bool withEdges)
    {
        var chosen = new Dictionary<string, Item>(StringComparer.Ordinal);
        var queue = new Queue<Item>(seeds);
        if (withEdges)
        {
            var ids = seeds.Select(s => s.Json["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var edge in items.Values.Where(i => i.Json["type"]!.GetValue<string>() == "relationship"
                         && (ids.Contains(i.Json["source_ref"]!.GetValue<string>()) || ids.Contains(i.Json["target_ref"]!.GetValue<string>()))))
            {
                queue.Enqueue(edge);
            }
        }
        while (queue.TryDequeue(out var item))
        {
            if (!chosen.TryAdd(item.Json["id"]!.GetValue<string>(), item))
            {
                continue;
            }
            foreach (var r in item.Refs)
            {
                if (items.TryGetValue(r, out var next) && !chosen.ContainsKey(r))
                {
                    queue.Enqueue(next);
                }
            }
        }
        return [.. chosen.Values];
    }

    private async Task<IReadOnlyDictionary<string, Item>> BuildAsync(CancellationToken ct)
    {
        var items = new Dictionary<string, Item>(StringComparer.Ordinal);
        void Add(Item item) => items[item.Json["id"]!.GetValue<string>()] = item;

        foreach (var id in new[] { StixMarkings.White, StixMarkings.Green, StixMarkings.Amber, StixMarkings.AmberStrict, StixMarkings.Red })
        {
            Add(new Item(StixMarkings.Definition(id), Marking.Clear, null, null, []));
        }
        Add(new Item(new JsonObject
        {
            ["type"] = "identity", ["spec_version"] = "2.1", ["id"] = VigilIdentity, ["created"] = Epoch, ["modified"] = Epoch,
            ["name"] = "Vigil", ["identity_class"] = "system",
            ["description"] = "Vigil, the accountability tracker for commercial spyware: the producer of this bundle.",
            ["object_marking_refs"] = new JsonArray(StixMarkings.White),
        }, Marking.Clear, null, null, [StixMarkings.White]));
        Add(new Item(new JsonObject
        {
            ["type"] = "extension-definition", ["spec_version"] = "2.1", ["id"] = Extension, ["created"] = Epoch, ["modified"] = Epoch,
            ["created_by_ref"] = VigilIdentity, ["name"] = "Vigil properties", ["version"] = "1.0.0",
            ["description"] = "Vigil's own properties of its records: an edge's Vigil type where STIX has none (owns, subsidiary-of, successor-of, officer-of, invests-in, brokers-for, supplies, part-of, develops, operates), its role, share and dates; an actor's kind, country, aliases and dates; an incident's dates, forensic status, vector, operators with confidence and targets by pseudonym only; a measure's type, stage, programme, reference and dates; a record's Vigil kind and slug.",
            ["schema"] = "Plain JSON properties, described in Vigil's docs/stix.md: vigil_kind, vigil_slug, relationship_type, role, share_percent, start, end, confidence, actor_kind, country, aliases, first_seen, last_seen, disclosed_on, forensic_status, vector, operators, targets, measure_type, stage, programme, reference, announced, effective, lifted, capabilities.",
            ["extension_types"] = new JsonArray("property-extension"),
            ["object_marking_refs"] = new JsonArray(StixMarkings.White),
        }, Marking.Clear, null, null, [VigilIdentity, StixMarkings.White]));

        var references = await ReferencesAsync(ct);

        var actors = await db.Actors.AsNoTracking().AsSplitQuery().Include(a => a.Aliases).Include(a => a.Identifiers).ToListAsync(ct);
        var actorIds = new Dictionary<long, string>();
        foreach (var a in actors)
        {
            var id = StixIds.Of("identity", RecordKind.Actor, a.Slug);
            actorIds[a.Id] = id;
            var json = Common("identity", id, RecordKind.Actor, a, references);
            json["name"] = a.Name;
            Set(json, "description", a.Description);
            json["identity_class"] = a.ActorKind == ActorKind.Person ? "individual" : "organization";
            if (a.ActorKind is ActorKind.State or ActorKind.PublicBody)
            {
                json["sectors"] = new JsonArray("government-national");
            }
            var refs = (JsonArray)(json["external_references"] ??= new JsonArray());
            foreach (var identifier in a.Identifiers.OrderBy(i => i.Scheme, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal))
            {
                refs.Add(new JsonObject { ["source_name"] = identifier.Scheme, ["external_id"] = identifier.Value });
            }
            VigilProperties(json, RecordKind.Actor, a.Slug, new JsonObject
            {
                ["actor_kind"] = ExportVigilDataHandler.ActorKindLabel(a.ActorKind),
                ["country"] = a.Country, ["start"] = a.StartDate, ["end"] = a.EndDate,
                ["aliases"] = a.Aliases.Count == 0 ? null : new JsonArray([.. a.Aliases.Select(x => (JsonNode)x.Name).OrderBy(n => n.GetValue<string>(), StringComparer.Ordinal)]),
            });
            Add(Record(json, a.Marking, "actors", a.Name));
            if (a.Country is { } country && a.ActorKind != ActorKind.Person)
            {
                var location = StixIds.Of("location", "country:" + country);
                if (!items.ContainsKey(location))
                {
                    Add(new Item(new JsonObject
                    {
                        ["type"] = "location", ["spec_version"] = "2.1", ["id"] = location, ["created"] = Epoch, ["modified"] = Epoch,
                        ["created_by_ref"] = VigilIdentity, ["name"] = Model.Countries.NameOf(country), ["country"] = country,
                        ["object_marking_refs"] = new JsonArray(StixMarkings.White),
                    }, Marking.Clear, null, null, [VigilIdentity, StixMarkings.White]));
                }
                var edge = Edge(StixIds.Of("relationship", $"actor:{a.Slug}:located-at:{country}"), "located-at", id, location, a, a.Marking);
                Add(Record(edge, a.Marking, null, null));
            }
        }

        var products = await db.Products.AsNoTracking().Include(p => p.Aliases).ToListAsync(ct);
        var productIds = new Dictionary<long, (string Id, bool Tool)>();
        foreach (var p in products)
        {
            var tool = p.ProductKind == ProductKind.Forensic;
            var id = StixIds.Of(tool ? "tool" : "malware", RecordKind.Product, p.Slug);
            productIds[p.Id] = (id, tool);
            var json = Common(tool ? "tool" : "malware", id, RecordKind.Product, p, references);
            json["name"] = p.Name;
            Set(json, "description", p.Description);
            if (!tool)
            {
                json["is_family"] = true;
                if (p.ProductKind is ProductKind.Spyware or ProductKind.Exploit)
                {
                    json["malware_types"] = new JsonArray(p.ProductKind == ProductKind.Spyware ? "spyware" : "exploit-kit");
                }
            }
            if (p.Aliases.Count > 0)
            {
                json["aliases"] = new JsonArray([.. p.Aliases.Select(x => x.Name).Order(StringComparer.Ordinal).Select(n => (JsonNode)n)]);
            }
            var capabilities = (p.Capabilities ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            VigilProperties(json, RecordKind.Product, p.Slug, new JsonObject
            {
                ["product_kind"] = p.ProductKind.ToString().ToLowerInvariant(),
                ["capabilities"] = capabilities.Length == 0 ? null : new JsonArray([.. capabilities.Select(c => (JsonNode)c)]),
            });
            Add(Record(json, p.Marking, "products", p.Name));
        }

        var edges = await db.Relationships.AsNoTracking().Include(r => r.FromActor).Include(r => r.ToActor).Include(r => r.ToProduct).ToListAsync(ct);
        foreach (var r in edges)
        {
            if (r.FromActor is null || (r.ToActor ?? (object?)r.ToProduct) is null)
            {
                continue;
            }
            var from = actorIds[r.FromActorId];
            var (to, toTool) = r.ToProductId is { } pid ? productIds[pid] : (actorIds[r.ToActorId!.Value], false);
            var id = StixIds.Of("relationship", RecordKind.Relationship, r.Slug);
            // STIX's own types where they say the same thing; Vigil's type stays in the extension either way.
            var (type, source, target) = r.Type switch
            {
                RelationshipType.Develops when !toTool => ("authored-by", to, from),
                RelationshipType.Operates => ("uses", from, to),
                _ => ("related-to", from, to),
            };
            var json = Edge(id, type, source, target, r, r.Marking);
            json["confidence"] = r.Confidence switch { Confidence.High => 85, Confidence.Moderate => 50, _ => 15 };
            Set(json, "description", r.Description);
            AddReferences(json, RecordKind.Relationship, r.Slug, references);
            VigilProperties(json, RecordKind.Relationship, r.Slug, new JsonObject
            {
                ["relationship_type"] = r.Type.ToLabel(), ["role"] = r.Role, ["share_percent"] = r.SharePercent,
                ["start"] = r.StartDate, ["end"] = r.EndDate, ["confidence"] = r.Confidence.ToLabel(),
            });
            var marking = new[] { r.Marking, r.FromActor.Marking, r.ToActor?.Marking ?? r.ToProduct!.Marking }.Max();
            Add(Record(json, marking, "relationships", null));
        }

        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Product).Include(i => i.Incident).ToListAsync(ct);
        var indicatorsByIncident = new Dictionary<long, List<string>>();
        foreach (var i in indicators)
        {
            // An indicator keeps the lab's own id: consumers already hold it under that id.
            var json = Common("indicator", i.StixId, RecordKind.Indicator, i, references);
            Set(json, "name", i.Name);
            Set(json, "description", i.Description);
            json["indicator_types"] = new JsonArray("malicious-activity");
            json["pattern"] = i.Pattern;
            json["pattern_type"] = i.PatternType;
            if (i.PatternType == "stix")
            {
                json["pattern_version"] = "2.1";
            }
            json["valid_from"] = StixIds.Timestamp(i.ValidFrom ?? i.CreatedAt);
            VigilProperties(json, RecordKind.Indicator, i.Slug, new JsonObject
            {
                ["observable_kind"] = i.ObservableKind.ToString().ToLowerInvariant(), ["observable_value"] = i.Value,
            });
            Add(Record(json, i.Marking, "indicators", i.Value));
            if (i.Product is not null && productIds.TryGetValue(i.Product.Id, out var product))
            {
                var edge = Edge(StixIds.Of("relationship", $"indicator:{i.Slug}:indicates"), "indicates", i.StixId, product.Id, i, i.Marking);
                Add(Record(edge, new[] { i.Marking, i.Product.Marking }.Max(), null, null));
            }
            if (i.Incident is not null)
            {
                (indicatorsByIncident.TryGetValue(i.Incident.Id, out var list) ? list : indicatorsByIncident[i.Incident.Id] = []).Add(i.StixId);
            }
        }

        foreach (var i in await IncidentCsv.LoadAsync(db, ct))
        {
            var id = StixIds.Of("report", RecordKind.Incident, i.Slug);
            var json = Common("report", id, RecordKind.Incident, i, references);
            json["name"] = i.Title;
            Set(json, "description", i.Summary);
            json["report_types"] = new JsonArray("threat-report");
            json["published"] = Published(i.DisclosedOn) ?? StixIds.Timestamp(i.CreatedAt);
            var objectRefs = new List<string>();
            objectRefs.AddRange(i.Products.Where(x => x.Product is not null).Select(x => productIds[x.ProductId].Id));
            objectRefs.AddRange(i.Vendors.Where(x => x.Actor is not null).Select(x => actorIds[x.ActorId]));
            objectRefs.AddRange(i.Operators.Where(x => x.Actor is not null).Select(x => actorIds[x.ActorId]));
            objectRefs.AddRange(i.Investigators.Where(x => x.Actor is not null).Select(x => actorIds[x.ActorId]));
            objectRefs.AddRange(indicatorsByIncident.GetValueOrDefault(i.Id) ?? []);
            if (i.Country is { } country)
            {
                objectRefs.Add(StixIds.Of("location", "country:" + country));
                if (!items.ContainsKey(objectRefs[^1]))
                {
                    Add(new Item(new JsonObject
                    {
                        ["type"] = "location", ["spec_version"] = "2.1", ["id"] = objectRefs[^1], ["created"] = Epoch, ["modified"] = Epoch,
                        ["created_by_ref"] = VigilIdentity, ["name"] = Model.Countries.NameOf(country), ["country"] = country,
                        ["object_marking_refs"] = new JsonArray(StixMarkings.White),
                    }, Marking.Clear, null, null, [VigilIdentity, StixMarkings.White]));
                }
            }
            if (objectRefs.Count == 0)
            {
                // A report names at least one object; with nothing else visible, it names its producer.
                objectRefs.Add(VigilIdentity);
            }
            json["object_refs"] = new JsonArray([.. objectRefs.Distinct().Select(r => (JsonNode)r)]);
            // Targets by pseudonym, category and countries only: never an identity, not even its cipher.
            VigilProperties(json, RecordKind.Incident, i.Slug, new JsonObject
            {
                ["first_seen"] = i.FirstSeen, ["last_seen"] = i.LastSeen, ["disclosed_on"] = i.DisclosedOn, ["country"] = i.Country,
                ["forensic_status"] = i.ForensicStatus.ToLabel(), ["vector"] = i.Vector.ToLabel(),
                ["operators"] = new JsonArray([.. i.Operators.Where(o => o.Actor is not null).Select(o => (JsonNode)new JsonObject
                {
                    ["ref"] = actorIds[o.ActorId], ["confidence"] = o.Confidence.ToLabel(),
                })]),
                ["targets"] = new JsonArray([.. i.Targets.OrderBy(t => t.Pseudonym, StringComparer.Ordinal).Select(t => (JsonNode)new JsonObject
                {
                    ["pseudonym"] = t.Pseudonym, ["category"] = t.Category.ToLabel(),
                    ["residence_country"] = t.ResidenceCountry, ["nationality"] = t.Nationality,
                })]),
            });
            var marking = new Marking?[] { i.Marking }.Concat(i.Targets.Select(t => (Marking?)t.Marking)).Concat(i.Products.Select(x => x.Product?.Marking))
                .Concat(i.Vendors.Select(x => x.Actor?.Marking)).Concat(i.Operators.Select(x => x.Actor?.Marking)).Concat(i.Investigators.Select(x => x.Actor?.Marking))
                .OfType<Marking>().Max();
            Add(Record(json, marking, "incidents", i.Title));
        }

        var measures = await db.Measures.AsNoTracking().AsSplitQuery().Include(m => m.Authority).Include(m => m.Targets).ThenInclude(t => t.Actor).ToListAsync(ct);
        foreach (var m in measures.Where(m => m.Authority is not null))
        {
            var id = StixIds.Of("note", RecordKind.Measure, m.Slug);
            var json = Common("note", id, RecordKind.Measure, m, references);
            json["abstract"] = $"{m.Type.ToLabel()}: {m.Title}";
            json["content"] = string.IsNullOrWhiteSpace(m.Description) ? m.Title : $"{m.Title}\n\n{m.Description}";
            json["authors"] = new JsonArray((JsonNode)m.Authority!.Name);
            json["object_refs"] = new JsonArray([.. m.Targets.Where(t => t.Actor is not null).Select(t => actorIds[t.ActorId]).Prepend(actorIds[m.AuthorityId])
                .Distinct().Select(r => (JsonNode)r)]);
            VigilProperties(json, RecordKind.Measure, m.Slug, new JsonObject
            {
                ["measure_type"] = m.Type.ToLabel(), ["stage"] = m.Stage.ToLabel(), ["programme"] = m.Programme, ["reference"] = m.Reference,
                ["announced"] = m.AnnouncedDate, ["effective"] = m.EffectiveDate, ["lifted"] = m.LiftedDate,
            });
            var marking = new[] { m.Marking, m.Authority.Marking }.Concat(m.Targets.Where(t => t.Actor is not null).Select(t => t.Actor!.Marking)).Max();
            Add(Record(json, marking, "measures", m.Title));
        }
        return items;
    }

    /// <summary>
    /// The sources each record cites, as external references, through the filtered citations. The subjects'
    /// slugs come from id → slug maps, not through the citation's navigations: a join to the filtered edges,
    /// measures or indicators makes SQLite materialise each filtered set per citation (seconds on the starter data).
    /// </summary>
    private async Task<ILookup<string, JsonObject>> ReferencesAsync(CancellationToken ct)
    {
        var rows = await db.Citations.AsNoTracking().Select(c => new
        {
            c.ActorId, c.ProductId, c.IncidentId, c.MeasureId, c.IndicatorId, c.RelationshipId, c.SourceId, c.Slug, c.Locator,
        }).ToListAsync(ct);
        var sources = await db.Sources.AsNoTracking().Select(s => new { s.Id, s.Slug, s.Title, s.TitleVerified, s.Publisher, s.Url }).ToDictionaryAsync(s => s.Id, ct);
        var actors = await db.Actors.AsNoTracking().Select(a => new { a.Id, a.Slug }).ToDictionaryAsync(a => a.Id, a => a.Slug, ct);
        var products = await db.Products.AsNoTracking().Select(a => new { a.Id, a.Slug }).ToDictionaryAsync(a => a.Id, a => a.Slug, ct);
        var incidents = await db.Incidents.AsNoTracking().Select(a => new { a.Id, a.Slug }).ToDictionaryAsync(a => a.Id, a => a.Slug, ct);
        var measures = await db.Measures.AsNoTracking().Select(a => new { a.Id, a.Slug }).ToDictionaryAsync(a => a.Id, a => a.Slug, ct);
        var indicators = await db.Indicators.AsNoTracking().Select(a => new { a.Id, a.Slug }).ToDictionaryAsync(a => a.Id, a => a.Slug, ct);
        var relationships = await db.Relationships.AsNoTracking().Select(a => new { a.Id, a.Slug }).ToDictionaryAsync(a => a.Id, a => a.Slug, ct);
        static string? Key(string kind, long? id, Dictionary<long, string> slugs) =>
            id is { } k && slugs.TryGetValue(k, out var slug) ? kind + ":" + slug : null;
        return rows
            .Select(r => new
            {
                Subject = r.ActorId is not null ? Key("actor", r.ActorId, actors) : r.ProductId is not null ? Key("product", r.ProductId, products)
                    : r.IncidentId is not null ? Key("incident", r.IncidentId, incidents) : r.MeasureId is not null ? Key("measure", r.MeasureId, measures)
                    : r.IndicatorId is not null ? Key("indicator", r.IndicatorId, indicators) : r.RelationshipId is not null ? Key("relationship", r.RelationshipId, relationships)
                    : null,
                Source = sources.GetValueOrDefault(r.SourceId),
                r.Slug, r.Locator,
            })
            .Where(r => r.Subject is not null && r.Source is not null)
            .OrderBy(r => r.Source!.Slug, StringComparer.Ordinal).ThenBy(r => r.Slug, StringComparer.Ordinal)
            .ToLookup(r => r.Subject!, r =>
            {
                var s = r.Source!;
                var title = Source.DisplayTitle(s.Title, s.TitleVerified, s.Publisher, s.Url);
                var json = new JsonObject
                {
                    ["source_name"] = string.IsNullOrWhiteSpace(s.Publisher) ? "source" : s.Publisher,
                    ["description"] = r.Locator is null ? title : $"{title} ({r.Locator})",
                };
                Set(json, "url", s.Url);
                return json;
            });
    }

    private static JsonObject Common(string type, string id, RecordKind kind, Record record, ILookup<string, JsonObject> references)
    {
        var json = new JsonObject
        {
            ["type"] = type, ["spec_version"] = "2.1", ["id"] = id, ["created_by_ref"] = VigilIdentity,
            ["created"] = StixIds.Timestamp(record.CreatedAt),
            ["modified"] = StixIds.Timestamp(record.UpdatedAt < record.CreatedAt ? record.CreatedAt : record.UpdatedAt),
        };
        AddReferences(json, kind, record.Slug, references);
        return json;
    }

    private static void AddReferences(JsonObject json, RecordKind kind, string slug, ILookup<string, JsonObject> references)
    {
        var refs = new JsonArray(new JsonObject { ["source_name"] = "vigil", ["external_id"] = $"{Features.Common.Labels.RecordType(kind)}:{slug}" });
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in references[$"{Features.Common.Labels.RecordType(kind)}:{slug}"])
        {
            if (seen.Add(r.ToJsonString()))
            {
                refs.Add(r.DeepClone());
            }
        }
        json["external_references"] = refs;
    }

    private static JsonObject Edge(string id, string type, string source, string target, Record record, Marking marking)
    {
        var json = new JsonObject
        {
            ["type"] = "relationship", ["spec_version"] = "2.1", ["id"] = id, ["created_by_ref"] = VigilIdentity,
            ["created"] = StixIds.Timestamp(record.CreatedAt),
            ["modified"] = StixIds.Timestamp(record.UpdatedAt < record.CreatedAt ? record.CreatedAt : record.UpdatedAt),
            ["relationship_type"] = type, ["source_ref"] = source, ["target_ref"] = target,
        };
        json["object_marking_refs"] = new JsonArray([.. StixMarkings.RefsOf(marking).Select(m => (JsonNode)m)]);
        return json;
    }

    private static void VigilProperties(JsonObject json, RecordKind kind, string slug, JsonObject properties)
    {
        var extension = new JsonObject { ["extension_type"] = "property-extension", ["vigil_kind"] = Features.Common.Labels.RecordType(kind), ["vigil_slug"] = slug };
        foreach (var (name, value) in properties.ToList())
        {
            properties.Remove(name);
            if (value is not null && !(value is JsonArray { Count: 0 }))
            {
                extension[name] = value;
            }
        }
        json["extensions"] = new JsonObject { [Extension] = extension };
        json["x_vigil_key"] = slug;
    }

    private static Item Record(JsonObject json, Marking marking, string? kind, string? name)
    {
        json["object_marking_refs"] = new JsonArray([.. StixMarkings.RefsOf(marking).Select(m => (JsonNode)m)]);
        var refs = new HashSet<string>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(json.ToJsonString());
        foreach (var (_, target) in StixValidator.References(doc.RootElement, "$"))
        {
            refs.Add(target);
        }
        refs.Add(Extension);
        return new Item(json, marking, kind, name, refs);
    }

    private static void Set(JsonObject json, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            json[name] = value;
        }
    }

    private static string? Published(string? partialDate) =>
        DateTime.TryParseExact(partialDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? StixIds.Timestamp(at)
            : partialDate is { Length: 4 } y && int.TryParse(y, CultureInfo.InvariantCulture, out var year) ? $"{year:D4}-01-01T00:00:00.000Z"
            : partialDate is { Length: 7 } ym && DateTime.TryParseExact(ym, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var month) ? StixIds.Timestamp(month)
            : null;
}
