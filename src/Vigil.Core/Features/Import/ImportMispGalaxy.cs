using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;
using Vigil.Search;

namespace Vigil.Features.Import;

/// <summary>
/// Imports a MISP galaxy cluster file of surveillance vendors. Each vendor becomes a company actor
/// (identifier <c>misp</c> = its uuid; <c>meta.country</c>, ISO 3166-1 alpha-2, as its country; synonyms as
/// aliases; refs as sources and citations; products as products developed by it; <c>related</c> edges as
/// relationships, their estimative-language tag as the confidence). It reads back what
/// <see cref="Export.ExportMispGalaxyHandler"/> writes. A vendor already in the graph is
/// matched, by MISP uuid first and then by normalised name or alias, and enriched, never duplicated.
/// All or nothing, and idempotent.
/// </summary>
public sealed partial class ImportMispGalaxyHandler(VigilDb db)
{
    public async Task<ImportSummary> HandleAsync(string file, CancellationToken ct = default)
    {
        if (!db.Reader.SeesUnpublished || db.Reader.Clearance != Marking.Red)
        {
            throw new InvalidOperationException("Imports run as the system reader, which sees every record.");
        }
        var name = Path.GetFileName(file);
        var vendors = Parse(file, name);
        var created = new Dictionary<string, int> { ["actors"] = 0, ["sources"] = 0, ["products"] = 0, ["relationships"] = 0, ["citations"] = 0 };

        var byMisp = await db.ActorIdentifiers.Where(i => i.Scheme == "misp").Select(i => new { i.Value, i.ActorId }).ToListAsync(ct);
        var companies = await db.Actors.AsTracking().AsSplitQuery().Include(a => a.Aliases).Include(a => a.Identifiers)
            .Where(a => a.ActorKind == ActorKind.Company || a.ActorKind == ActorKind.Organisation).ToListAsync(ct);
        var byId = companies.ToDictionary(a => a.Id);
        var byName = new Dictionary<string, Actor>();
        foreach (var a in companies)
        {
            foreach (var n in a.Aliases.Select(x => x.Name).Prepend(a.Name))
            {
                byName.TryAdd(Normalise(n), a);
            }
        }
        var actorSlugs = (await db.Actors.Select(a => a.Slug).ToListAsync(ct)).ToHashSet();
        var sourcesByUrl = new Dictionary<string, Source>();
        foreach (var s in await db.Sources.AsTracking().Where(s => s.Url != null).ToListAsync(ct))
        {
            sourcesByUrl.TryAdd(s.Url!, s);
        }
        var sourceSlugs = (await db.Sources.Select(s => s.Slug).ToListAsync(ct)).ToHashSet();
        var products = await db.Products.AsTracking().Include(p => p.Aliases).ToListAsync(ct);
        var productsByName = new Dictionary<string, Product>();
        foreach (var p in products)
        {
            foreach (var n in p.Aliases.Select(x => x.Name).Prepend(p.Name))
            {
                productsByName.TryAdd(Normalise(n), p);
            }
        }
        var productSlugs = products.Select(p => p.Slug).ToHashSet();
        var relationshipSlugs = (await db.Relationships.Select(r => r.Slug).ToListAsync(ct)).ToHashSet();
        var citationSlugs = (await db.Citations.Select(c => c.Slug).ToListAsync(ct)).ToHashSet();

        var actorByUuid = new Dictionary<string, Actor>();
        var mispActorIds = byMisp.Select(i => i.ActorId).ToHashSet();
        foreach (var v in vendors)
        {
            Actor? actor = null;
            if (byMisp.FirstOrDefault(i => i.Value == v.Uuid) is { } known)
            {
                actor = byId.GetValueOrDefault(known.ActorId) ?? await db.Actors.AsTracking().Include(a => a.Aliases).Include(a => a.Identifiers).FirstAsync(a => a.Id == known.ActorId, ct);
            }
            // A name match never merges two MISP clusters: an actor that already stands for another
            // uuid (in the database or earlier in this file) is a different vendor with a shared alias.
            actor ??= v.Names.Select(n => byName.GetValueOrDefault(Normalise(n)))
                .FirstOrDefault(a => a is not null && !mispActorIds.Contains(a.Id) && !actorByUuid.ContainsValue(a));
            var refs = v.Refs.Select(url => SourceFor(url, sourcesByUrl, sourceSlugs, created)).ToList();
            if (actor is null)
            {
                actor = new Actor
                {
                    Slug = Unique(Common.Slugs.FromText(v.Value), actorSlugs),
                    Name = v.Value,
                    ActorKind = ActorKind.Company,
                    Country = v.Country,
                    Description = v.Description,
                    Marking = Marking.Clear,
                    // The galaxy is a reviewed public dataset; a vendor with no reference stays a draft.
                    Status = refs.Count > 0 ? ReviewStatus.Published : ReviewStatus.Draft,
                };
                db.Actors.Add(actor);
                created["actors"]++;
                foreach (var n in v.Names)
                {
                    byName.TryAdd(Normalise(n), actor);
                }
            }
            actorByUuid[v.Uuid] = actor;
            if (!actor.Identifiers.Any(i => i.Scheme == "misp" && i.Value == v.Uuid) && !byMisp.Any(i => i.Value == v.Uuid))
            {
                actor.Identifiers.Add(new ActorIdentifier { Scheme = "misp", Value = v.Uuid });
            }
            if (actor.Id != 0)
            {
                // A vendor already in the graph (a reviewed starter record, or one this file made before)
                // keeps its names, citations and products: the galaxy only lends it the MISP identifier.
                // So re-importing either the data folder or the galaxy changes nothing, and neither
                // import undoes the other.
                continue;
            }
            foreach (var synonym in v.Synonyms)
            {
                if (!string.Equals(synonym, actor.Name, StringComparison.OrdinalIgnoreCase)
                    && !actor.Aliases.Any(a => string.Equals(a.Name, synonym, StringComparison.OrdinalIgnoreCase)))
                {
                    actor.Aliases.Add(new ActorAlias { Name = synonym });
                }
            }
            foreach (var source in refs)
            {
                Cite(actor, "actor:" + actor.Slug, source, citationSlugs, created);
            }
            foreach (var productName in v.Products)
            {
                if (!productsByName.TryGetValue(Normalise(productName), out var product))
                {
                    product = new Product
                    {
                        Slug = Unique(Common.Slugs.FromText(productName), productSlugs),
                        Name = productName,
                        ProductKind = ProductKind.Other,
                        Description = $"Product of {v.Value}, as listed in the MISP surveillance-vendor galaxy.",
                        Status = refs.Count > 0 ? ReviewStatus.Published : ReviewStatus.Draft,
                    };
                    db.Products.Add(product);
                    productsByName[Normalise(productName)] = product;
                    created["products"]++;
                    foreach (var source in refs)
                    {
                        Cite(product, "product:" + product.Slug, source, citationSlugs, created);
                    }
                }
                Relate(actor, RelationshipType.Develops, null, product, Confidence.Moderate, refs, relationshipSlugs, citationSlugs, created);
            }
        }
        foreach (var v in vendors)
        {
            foreach (var rel in v.Related)
            {
                if (MapRelation(rel.Type) is not { } type || !actorByUuid.TryGetValue(rel.Destination, out var to))
                {
                    continue;
                }
                var from = actorByUuid[v.Uuid];
                if (from == to)
                {
                    continue;
                }
                var refs = v.Refs.Select(url => sourcesByUrl[url]).ToList();
                Relate(from, type, to, null, rel.Confidence, refs, relationshipSlugs, citationSlugs, created);
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeReason = $"import MISP galaxy {name}";
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await DatabaseSetup.RefreshStatisticsAsync(db, ct);
        return new ImportSummary(created.Values.Sum(), 0, vendors.Count - created["actors"], created);
    }

    private Source SourceFor(string url, Dictionary<string, Source> byUrl, HashSet<string> slugs, Dictionary<string, int> created)
    {
        if (byUrl.TryGetValue(url, out var source))
        {
            return source;
        }
        var uri = Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : null;
        var host = uri?.Host.StartsWith("www.", StringComparison.Ordinal) == true ? uri.Host[4..] : uri?.Host ?? "unknown";
        var path = uri is null ? url : Uri.UnescapeDataString(uri.AbsolutePath).Trim('/');
        var words = Regex.Replace(Path.GetFileNameWithoutExtension(path.Split('/').LastOrDefault(s => s.Length > 0) ?? host), "[-_+]+", " ").Trim();
        source = new Source
        {
            Slug = Unique(Common.Slugs.FromText(host + " " + words), slugs),
            Title = words.Length > 3 ? char.ToUpperInvariant(words[0]) + words[1..] : host,
            Publisher = host,
            Url = url,
            SourceKind = SourceKind.Other,
            Reliability = 'F',
            Status = ReviewStatus.Published,
        };
        db.Sources.Add(source);
        byUrl[url] = source;
        created["sources"]++;
        return source;
    }

    private void Cite(Record subject, string key, Source source, HashSet<string> slugs, Dictionary<string, int> created)
    {
        var slug = ImportVigilDataHandler.CitationSlug(key, source.Slug, "MISP galaxy");
        if (!slugs.Add(slug))
        {
            return;
        }
        db.Citations.Add(new Citation { Slug = slug, Source = source, Locator = "MISP galaxy", Credibility = 6, Status = ReviewStatus.Published }.Cites(subject));
        created["citations"]++;
    }

    private void Relate(Actor from, RelationshipType type, Actor? to, Product? product, Confidence confidence, List<Source> refs,
        HashSet<string> slugs, HashSet<string> citationSlugs, Dictionary<string, int> created)
    {
        var slug = $"{from.Slug}--{type.ToLabel()}--{to?.Slug ?? product!.Slug}";
        if (slugs.Contains(slug))
        {
            return;
        }
        slugs.Add(slug);
        var r = new Relationship
        {
            Slug = slug,
            Type = type,
            FromActor = from,
            ToActor = to,
            ToProduct = product,
            Confidence = confidence,
            Description = "From the MISP surveillance-vendor galaxy.",
            Status = refs.Count > 0 ? ReviewStatus.Published : ReviewStatus.Draft,
        };
        db.Relationships.Add(r);
        created["relationships"]++;
        foreach (var source in refs)
        {
            Cite(r, "relationship:" + slug, source, citationSlugs, created);
        }
    }

    private static RelationshipType? MapRelation(string type) => type.Trim() switch
    {
        "part-of" => RelationshipType.PartOf,
        "subsidiary-of" => RelationshipType.SubsidiaryOf,
        "acquires" or "owns" or "owner-of" => RelationshipType.Owns,
        "successor-of" or "renamed-from" or "rebranded-from" => RelationshipType.SuccessorOf,
        "supplies" or "provides" => RelationshipType.Supplies,
        // "is-allied-with", "affiliated-with", "similar"…: no edge type of ours says as much.
        _ => null,
    };

    private static string Unique(string wanted, HashSet<string> taken)
    {
        var slug = wanted;
        for (var n = 2; !taken.Add(slug); n++)
        {
            slug = $"{wanted}-{n}";
        }
        return slug;
    }

    /// <summary>A name reduced for matching: folded, lower case, punctuation and legal forms dropped.</summary>
    public static string Normalise(string name)
    {
        var words = FullText.Words(name.Replace("&", " and ", StringComparison.Ordinal));
        while (words.Count > 1 && s_legalForms.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }
        return string.Join(' ', words);
    }

    private static readonly HashSet<string> s_legalForms =
        ["ltd", "limited", "sa", "s", "a", "inc", "gmbh", "ag", "ad", "zrt", "pte", "llc", "srl", "spa", "bv", "nv", "plc", "co", "corp", "corporation", "group", "technologies", "technology"];

    private sealed record Vendor(string Value, string Uuid, string? Description, string? Country, List<string> Synonyms, List<string> Refs, List<string> Products, List<Related> Related)
    {
        public IEnumerable<string> Names => Synonyms.Prepend(Value);
    }

    private sealed record Related(string Destination, string Type, Confidence Confidence);

    private static List<Vendor> Parse(string file, string name)
    {
        var errors = new List<ImportError>();
        var vendors = new List<Vendor>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(file));
        }
        catch (JsonException e)
        {
            throw new ImportRejectedException([new ImportError(name, null, null, e.Message.Split('\n')[0], (int?)e.LineNumber + 1)]);
        }
        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
            {
                throw new ImportRejectedException([new ImportError(name, null, "$.values", "a MISP galaxy cluster file has a 'values' array")]);
            }
            var seen = new HashSet<string>();
            var i = 0;
            foreach (var v in values.EnumerateArray())
            {
                var path = $"$.values[{i++}]";
                var value = Str(v, "value");
                var uuid = Str(v, "uuid");
                if (value is null)
                {
                    errors.Add(new ImportError(name, uuid, path + ".value", "is required"));
                }
                if (uuid is null || !Guid.TryParse(uuid, out _))
                {
                    errors.Add(new ImportError(name, value, path + ".uuid", "is required and must be a UUID"));
                }
                else if (!seen.Add(uuid))
                {
                    errors.Add(new ImportError(name, value, path + ".uuid", $"duplicate uuid {uuid}"));
                }
                if (value is null || uuid is null)
                {
                    continue;
                }
                var meta = v.TryGetProperty("meta", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
                var refs = List(meta, "refs").Concat(List(meta, "official-refs")).Where(r => Uri.TryCreate(r, UriKind.Absolute, out _)).Distinct().ToList();
                var related = new List<Related>();
                if (v.TryGetProperty("related", out var rel) && rel.ValueKind == JsonValueKind.Array)
                {
                    foreach (var r in rel.EnumerateArray())
                    {
                        var tags = r.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
                        var confidence = ConfidenceOf(tags);
                        if (Str(r, "dest-uuid") is { } dest && Str(r, "type") is { } type)
                        {
                            related.Add(new Related(dest, type, confidence));
                        }
                    }
                }
                var country = Str(meta, "country")?.Trim().ToUpperInvariant();
                if (!string.IsNullOrEmpty(country) && !Model.Countries.IsKnown(country))
                {
                    errors.Add(new ImportError(name, value, path + ".meta.country", $"unknown country code '{Str(meta, "country")}' (ISO 3166-1 alpha-2, e.g. IL)"));
                }
                vendors.Add(new Vendor(value.Trim(), uuid, Str(v, "description"), string.IsNullOrEmpty(country) ? null : country, List(meta, "synonyms").Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList(),
                    refs, List(meta, "products").Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), related));
            }
        }
        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors);
        }
        return vendors;
    }

    /// <summary>
    /// The confidence of an estimative-language likelihood tag (<c>estimative-language:likelihood-probability="likely"</c>):
    /// almost certain or very likely is high, likely moderate, anything less (or no tag) low.
    /// </summary>
    private static Confidence ConfidenceOf(List<string> tags)
    {
        var likelihoods = tags.Select(t => t.Split('=', 2)).Where(p => p.Length == 2 && p[0].Trim() == "estimative-language:likelihood-probability")
            .Select(p => p[1].Trim().Trim('"')).ToList();
        return likelihoods.Any(l => l is "almost-certain" or "very-likely") ? Confidence.High
            : likelihoods.Contains("likely") ? Confidence.Moderate
            : Confidence.Low;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static IEnumerable<string> List(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)
            : [];
}
