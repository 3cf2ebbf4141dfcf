using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Access;
using Vigil.Core.Tests.Features.Import;
using Vigil.Features.Export;
using Vigil.Features.Import;
using Vigil.Formats.Stix;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Export;

/// <summary>
/// The vendors as a MISP galaxy cluster: in the shape of MISP's own surveillance-vendor cluster (the upstream
/// file in Fixtures/misp), under the access rule, deterministic, and back through the galaxy import into an
/// empty Vigil as the same values.
/// </summary>
public abstract class ExportMispGalaxyTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private const string NsoUuid = "49d8e89f-401d-4d3d-9155-5758a346a4a1";
    private const string IntellexaUuid = "1c909820-82eb-11ee-80c7-325096b39f47";
    private const string CytroxUuid = "4dbfa61e-0cf5-4142-babf-3cdce348568d";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Write(byte[] bytes)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-misp-export-").FullName, ExportMispGalaxyHandler.FileName);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    [Fact]
    public async Task TheStarterData_ExportsInTheUpstreamShape_AndRoundTripsThroughAnEmptyVigil_ToTheSameFile()
    {
        await using (var db = Database.CreateContext())
        {
            await StarterData.SeedIfEmptyAsync(db, ImportFixtures.RealData(), NullLogger.Instance, Ct);
        }
        byte[] first;
        await using (var db = Database.CreateContext())
        {
            first = (await ExportMispGalaxyHandler.ReadAsync(db, Ct)).ToUtf8();
            (await ExportMispGalaxyHandler.ReadAsync(db, Ct)).ToUtf8().Should().Equal(first, "the same data exports to the same bytes, so a re-export diffs cleanly");
        }
        var cluster = JsonNode.Parse(first)!.AsObject();
        ShapeProblems(cluster, JsonNode.Parse(File.ReadAllBytes(ImportFixtures.FullGalaxy))!.AsObject()).Should().BeEmpty();

        var values = cluster["values"]!.AsArray().Select(v => v!.AsObject()).ToList();
        values.Count.Should().BeGreaterThan(600, "the galaxy's 615 vendors, less those matched to starter vendors, plus the starter vendors");
        values.Select(v => v["uuid"]!.GetValue<string>()).Should().OnlyHaveUniqueItems().And.Contain([NsoUuid, IntellexaUuid, CytroxUuid], "vendors from the galaxy keep their uuid");
        values.Select(v => v["value"]!.GetValue<string>()).Should().BeInAscendingOrder(StringComparer.OrdinalIgnoreCase);
        var cytrox = values.Single(v => v["uuid"]!.GetValue<string>() == CytroxUuid);
        cytrox["meta"]!["country"]!.GetValue<string>().Should().Be("MK", "the starter record's country goes out as meta.country");
        cytrox["related"]!.AsArray().Should().Contain(r => r!["type"]!.GetValue<string>() == "part-of" && r["dest-uuid"]!.GetValue<string>() == IntellexaUuid);
        var intellexaSa = values.Single(v => v["value"]!.GetValue<string>() == "Intellexa S.A.");
        intellexaSa["uuid"]!.GetValue<string>().Should().Be(StixIds.Uuid5(StixIds.Namespace, "actor:intellexa-sa").ToString(),
            "a vendor that did not come from the galaxy gets the UUIDv5 of its slug");
        values.Should().Contain(v => v["related"] != null && v["related"]!.AsArray().Any(r => r!["type"]!.GetValue<string>() == "successor-of"));
        cluster["version"]!.GetValue<int>().Should().Be(12, "one above the upstream version 11");

        await using var empty = await TestDatabase.CreateAsync(Kind);
        await empty.MigrateAsync();
        await using (var db = empty.CreateContext())
        {
            await new ImportMispGalaxyHandler(db).HandleAsync(Write(first), Ct);
        }
        await using (var db = empty.CreateContext())
        {
            var again = (await ExportMispGalaxyHandler.ReadAsync(db, Ct)).ToUtf8();
            // Names, uuids, countries, synonyms, refs, products and related, value by value, then the very bytes.
            Values(JsonNode.Parse(again)!).Should().Equal(Values(cluster));
            again.Should().Equal(first);
        }
    }

    [Fact]
    public async Task TheExport_HoldsTheVendorsTheReaderMaySee_AndNoEdgeOrSourceOfAHiddenOne()
    {
        await using (var db = Database.CreateContext())
        {
            var open = new Actor { Slug = "open-vendor", Name = "Open Vendor Ltd", ActorKind = ActorKind.Company, Country = "IL", Marking = Marking.Clear, Status = ReviewStatus.Published };
            open.Identifiers.Add(new ActorIdentifier { Scheme = "misp", Value = NsoUuid });
            open.Aliases.Add(new ActorAlias { Name = "Open Vendor" });
            var amber = new Actor { Slug = "amber-vendor", Name = "Amber Vendor SA", ActorKind = ActorKind.Company, Marking = Marking.Amber, Status = ReviewStatus.Published };
            amber.Identifiers.Add(new ActorIdentifier { Scheme = "misp", Value = CytroxUuid });
            var draft = new Actor { Slug = "draft-vendor", Name = "Draft Vendor", ActorKind = ActorKind.Company, Marking = Marking.Clear, Status = ReviewStatus.Draft };
            var subsidiary = new Actor { Slug = "open-subsidiary", Name = "Open Subsidiary Ltd", ActorKind = ActorKind.Company, Country = "CY", Marking = Marking.Clear, Status = ReviewStatus.Published };
            var investor = new Actor { Slug = "open-investor", Name = "Open Investor LP", ActorKind = ActorKind.Company, Marking = Marking.Clear, Status = ReviewStatus.Published };
            var product = new Product { Slug = "open-spyware", Name = "Open Spyware", ProductKind = ProductKind.Spyware, Marking = Marking.Clear, Status = ReviewStatus.Published };
            var openSource = new Source { Slug = "open-report", Title = "Open report", Url = "https://example.org/open", Marking = Marking.Clear, Status = ReviewStatus.Published };
            var amberSource = new Source { Slug = "amber-report", Title = "Amber report", Url = "https://example.org/amber", Marking = Marking.Amber, Status = ReviewStatus.Published };
            db.AddRange(open, amber, draft, subsidiary, investor, product, openSource, amberSource);
            db.Relationships.AddRange(
                new Relationship { Slug = "open-vendor--develops--open-spyware", Type = RelationshipType.Develops, FromActor = open, ToProduct = product, Status = ReviewStatus.Published },
                new Relationship { Slug = "draft-vendor--develops--open-spyware", Type = RelationshipType.Develops, FromActor = draft, ToProduct = product, Status = ReviewStatus.Published },
                new Relationship { Slug = "open-subsidiary--subsidiary-of--open-vendor", Type = RelationshipType.SubsidiaryOf, FromActor = subsidiary, ToActor = open, Confidence = Confidence.High, Status = ReviewStatus.Published },
                new Relationship { Slug = "open-vendor--part-of--amber-vendor", Type = RelationshipType.PartOf, FromActor = open, ToActor = amber, Status = ReviewStatus.Published },
                new Relationship { Slug = "open-investor--invests-in--open-vendor", Type = RelationshipType.InvestsIn, FromActor = investor, ToActor = open, Status = ReviewStatus.Published });
            db.Citations.Add(new Citation { Slug = "open-vendor-open-report", Source = openSource, Status = ReviewStatus.Published }.Cites(open));
            db.Citations.Add(new Citation { Slug = "open-vendor-amber-report", Source = amberSource, Status = ReviewStatus.Published }.Cites(open));
            await db.SaveChangesAsync(Ct);
        }

        MispGalaxyExport everything;
        await using (var db = Database.CreateContext())
        {
            everything = await ExportMispGalaxyHandler.ReadAsync(db, Ct);
        }
        MispGalaxyExport publicly;
        await using (var db = Database.CreateContext(Reader.Anonymous))
        {
            publicly = await ExportMispGalaxyHandler.ReadAsync(db, Ct);
        }

        everything.Values.Select(v => v.Value).Should().Equal(["Amber Vendor SA", "Draft Vendor", "Open Subsidiary Ltd", "Open Vendor Ltd"],
            "vendors are the companies from the galaxy, those that develop something, and their corporate family; not an investor");
        everything.Highest.Should().Be(Marking.Amber, "an export holding AMBER records is audited");
        everything.Values.Single(v => v.Value == "Open Vendor Ltd").Related.Should().Equal(new MispRelated(CytroxUuid, "part-of", Confidence.Moderate));

        publicly.Highest.Should().Be(Marking.Clear);
        publicly.Values.Select(v => v.Value).Should().Equal(["Open Subsidiary Ltd", "Open Vendor Ltd"], "the AMBER and the draft vendor are hidden from the public");
        var vendor = publicly.Values.Single(v => v.Value == "Open Vendor Ltd");
        vendor.Should().BeEquivalentTo(new
        {
            Uuid = NsoUuid,
            Country = "IL",
            Synonyms = new[] { "Open Vendor" },
            Refs = new[] { "https://example.org/open" },
            Products = new[] { "Open Spyware" },
            Related = Array.Empty<MispRelated>(),
        }, "the AMBER source and the edge to the AMBER vendor are not the public's");
        var subsidiaryOf = publicly.Values.Single(v => v.Value == "Open Subsidiary Ltd");
        subsidiaryOf.Uuid.Should().Be(StixIds.Uuid5(StixIds.Namespace, "actor:open-subsidiary").ToString());
        subsidiaryOf.Related.Should().Equal(new MispRelated(NsoUuid, "subsidiary-of", Confidence.High));
        var text = System.Text.Encoding.UTF8.GetString(publicly.ToUtf8());
        text.Should().NotContain("Amber").And.NotContain("Draft").And.Contain("estimative-language:likelihood-probability=\\\"almost-certain\\\"");
    }

    /// <summary>
    /// What in <paramref name="export"/> the upstream cluster file does not have: a top-level key, a value's key, a
    /// <c>meta</c> key (but <c>country</c>, MISP's key in its other galaxies) or a <c>related</c> key it never uses, or
    /// one of another JSON type; the cluster's identity (uuid, type, name) changed; a value without value or uuid.
    /// </summary>
    private static List<string> ShapeProblems(JsonObject export, JsonObject upstream)
    {
        var problems = new List<string>();
        static Dictionary<string, JsonValueKind> Keys(IEnumerable<JsonObject> objects) => objects.SelectMany(o => o)
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value!.GetValueKind());
        void Compare(string where, IEnumerable<JsonObject> mine, Dictionary<string, JsonValueKind> theirs)
        {
            foreach (var (key, kind) in Keys(mine))
            {
                if (!theirs.TryGetValue(key, out var expected))
                {
                    problems.Add($"{where}.{key}: not a key of the upstream file");
                }
                else if (expected != kind)
                {
                    problems.Add($"{where}.{key}: {kind}, upstream {expected}");
                }
            }
        }
        var top = Keys([upstream]);
        Keys([export]).Keys.Should().BeEquivalentTo(top.Keys, "the export has every top-level key of the upstream file, and no other");
        Compare("$", [export], top);
        foreach (var key in new[] { "uuid", "type", "name", "category", "source" })
        {
            if (export[key]?.GetValue<string>() != upstream[key]!.GetValue<string>())
            {
                problems.Add($"$.{key}: {export[key]} is not the upstream {upstream[key]}");
            }
        }
        var mine = export["values"]!.AsArray().Select(v => v!.AsObject()).ToList();
        var theirs = upstream["values"]!.AsArray().Select(v => v!.AsObject()).ToList();
        Compare("$.values[]", mine, Keys(theirs));
        var meta = Keys(theirs.Where(v => v["meta"] is not null).Select(v => v["meta"]!.AsObject()));
        meta["country"] = JsonValueKind.String;
        Compare("$.values[].meta", mine.Where(v => v["meta"] is not null).Select(v => v["meta"]!.AsObject()), meta);
        foreach (var list in new[] { "products", "refs", "synonyms" })
        {
            problems.AddRange(mine.Where(v => v["meta"]?[list] is JsonArray a && a.Any(x => x!.GetValueKind() != JsonValueKind.String)).Select(v => $"{v["value"]}: meta.{list} holds a non-string"));
        }
        Compare("$.values[].related[]", mine.Where(v => v["related"] is not null).SelectMany(v => v["related"]!.AsArray()).Select(r => r!.AsObject()),
            Keys(theirs.Where(v => v["related"] is not null).SelectMany(v => v["related"]!.AsArray()).Select(r => r!.AsObject())));
        problems.AddRange(mine.Where(v => v["value"] is null || v["uuid"] is null || !Guid.TryParse(v["uuid"]!.GetValue<string>(), out _))
            .Select(v => $"{v}: a value needs a value and a uuid"));
        var uuids = mine.Select(v => v["uuid"]!.GetValue<string>()).ToHashSet();
        problems.AddRange(mine.Where(v => v["related"] is not null).SelectMany(v => v["related"]!.AsArray())
            .Where(r => !uuids.Contains(r!["dest-uuid"]!.GetValue<string>())).Select(r => $"related {r!["dest-uuid"]}: not a value of the file"));
        return problems;
    }

    /// <summary>Each value as one comparable line: name, uuid, description, country, synonyms, refs, products, related.</summary>
    private static List<string> Values(JsonNode cluster) => [.. cluster["values"]!.AsArray().Select(v => string.Join(" | ",
        v!["value"], v["uuid"], v["description"], v["meta"]?["country"],
        v["meta"]?["synonyms"]?.ToJsonString(), v["meta"]?["refs"]?.ToJsonString(), v["meta"]?["products"]?.ToJsonString(), v["related"]?.ToJsonString()))];
}

[Trait("Database", "Sqlite")]
public sealed class ExportMispGalaxyOnSqlite() : ExportMispGalaxyTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class ExportMispGalaxyOnPostgres() : ExportMispGalaxyTests(DatabaseKind.Postgres);
