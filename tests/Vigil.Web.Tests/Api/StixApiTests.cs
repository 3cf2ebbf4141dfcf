using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Formats.Stix;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>
/// STIX 2.1 out (/api/v1/stix) and indicators in (/api/v1/indicators): every export of the starter data
/// validates against the OASIS schemas (a copy in Fixtures/stix2) and the semantic checks, with the same
/// ids twice, nothing hidden and no target identity; labs' bundles import once, as one change set a reviewer publishes.
/// </summary>
public abstract class StixApiTests(EditorApp app)
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    private static readonly Lazy<StixValidator> s_validator = new(() => StixValidator.FromFolder(Path.Combine(Fixtures, "stix2", "schemas")));

    [Fact]
    public async Task Export_OfTheStarterData_IsValidStix_Deterministic_AndHoldsNothingHidden()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var canary = await app.AddActorAsync(Unique("stix-canary"), $"Stix Canary {tag}", ActorKind.Company, "CY", Marking.Amber);
        var anonymous = app.Anonymous();

        var first = await BundleAsync(anonymous, "/api/v1/stix/bundle");
        var text = first.ToJsonString();
        Problems(first).Should().BeEmpty();
        var objects = first["objects"]!.AsArray();
        objects.Count.Should().BeGreaterThan(500, "the starter data holds hundreds of actors, products and edges");
        var types = objects.Select(o => o!["type"]!.GetValue<string>()).ToHashSet();
        types.Should().Contain(["identity", "location", "malware", "relationship", "report", "note", "marking-definition", "extension-definition"]);
        text.Should().NotContain(canary.Name, "an AMBER record stays out of the public's export");
        text.Should().NotContain(canary.Slug);
        foreach (var person in new[] { "Ahmed Mansoor", "Thanasis Koukakis", "Ahmed Eltantawy", "Francesco Cancellato", "Galina Timchenko" })
        {
            text.Should().NotContain(person, "a target appears by pseudonym only");
        }
        text.Should().NotContain("IdentityCipher").And.NotContain("identity_cipher");
        objects.Where(o => o!["type"]!.GetValue<string>() == "report").SelectMany(o => o!["extensions"]!.AsObject().Single().Value!["targets"]?.AsArray() ?? [])
            .Should().OnlyContain(t => t!.AsObject().Select(p => p.Key).All(k => k == "pseudonym" || k == "category" || k == "residence_country" || k == "nationality"));
        var pegasus = StixIds.Of("malware", RecordKind.Product, "pegasus");
        objects.Should().Contain(o => o!["id"]!.GetValue<string>() == pegasus && o["is_family"]!.GetValue<bool>());
        objects.Where(o => o!["type"]!.GetValue<string>() == "marking-definition" && o["definition_type"]!.GetValue<string>() == "tlp")
            .Select(o => o!["id"]!.GetValue<string>()).Should().BeSubsetOf(StixMarkings.Official);

        var second = await BundleAsync(anonymous, "/api/v1/stix/bundle");
        Ids(second).Should().BeEquivalentTo(Ids(first), "ids are UUIDv5 of kind and slug: a re-export updates, never duplicates");
        second.ToJsonString().Should().Be(text, "nothing changed in between, so the bundle is the same");

        // A kind, a search, one record: each a valid bundle of its part.
        var products = await BundleAsync(anonymous, "/api/v1/stix/bundle?kind=products");
        Problems(products).Should().BeEmpty();
        Ids(products).Should().Contain(pegasus).And.NotContain(StixIds.Of("identity", RecordKind.Actor, "united-states"));
        var search = await BundleAsync(anonymous, "/api/v1/stix/bundle?q=Pegasus");
        Problems(search).Should().BeEmpty();
        Ids(search).Should().Contain(pegasus);
        var nso = await BundleAsync(anonymous, "/api/v1/stix/actors/nso-group");
        Problems(nso).Should().BeEmpty();
        Ids(nso).Should().Contain(StixIds.Of("identity", RecordKind.Actor, "nso-group"));
        (await anonymous.GetAsync($"/api/v1/stix/actors/{canary.Slug}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/api/v1/stix/bundle?kind=victims", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // The editor (cleared for RED) sees the AMBER canary, and each such export is audited: the second
        // one too (never answered from a cache that would skip the audit).
        var editor = app.CreateClient();
        var audited = await AuditedStixExportsAsync();
        var cleared = await BundleAsync(editor, $"/api/v1/stix/actors/{canary.Slug}");
        Problems(cleared).Should().BeEmpty();
        cleared.ToJsonString().Should().Contain(canary.Name);
        await BundleAsync(editor, $"/api/v1/stix/actors/{canary.Slug}");
        (await AuditedStixExportsAsync()).Should().Be(audited + 2);

        // The graph is kept per data version: a record saved after the exports above is in the next one.
        var later = await app.AddActorAsync(Unique("stix-later"), $"Stix Later {tag}", ActorKind.Company, "CY", Marking.Amber);
        (await BundleAsync(editor, $"/api/v1/stix/actors/{later.Slug}")).ToJsonString().Should().Contain(later.Name);
        (await BundleAsync(anonymous, "/api/v1/stix/bundle")).ToJsonString().Should().NotContain(later.Name);
    }

    [Fact]
    public async Task AmnestyBundles_ImportAsOneChangeSet_Once_AndAreFoundByValue()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var editor = app.CreateClient();
        var sets = new Dictionary<string, long>();
        foreach (var file in new[] { "amnesty-2021-12-16-cytrox-predator.stix2", "amnesty-2021-07-18-nso-pegasus.stix2" })
        {
            var path = Path.Combine(Fixtures, "stix-bundles", file);
            var bundle = JsonNode.Parse(await File.ReadAllTextAsync(path, Ct))!;
            var count = bundle["objects"]!.AsArray().Count(o => o!["type"]!.GetValue<string>() == "indicator");
            var summary = await PostBundleAsync(editor, path).OkAsync();
            summary["indicators"]!.GetValue<int>().Should().Be(count);
            (summary["created"]!.GetValue<int>() + summary["unchanged"]!.GetValue<int>()).Should().Be(count);
            if (summary["created"]!.GetValue<int>() > 0)
            {
                sets[file] = summary["changeSetId"]!.GetValue<long>();
            }
            var again = await PostBundleAsync(editor, path).OkAsync();
            again["created"]!.GetValue<int>().Should().Be(0, "the same bundle twice changes nothing");
            again["unchanged"]!.GetValue<int>().Should().Be(count);
            again["changeSetId"].Should().BeNull("nothing new waits for review");
        }

        // "Which product is this domain?": the editor sees the draft, linked to the starter data's Predator.
        var found = await editor.GetAsync("/api/v1/indicators?value=MobNetLink1.com", Ct).OkAsync();
        found["items"]!.AsArray().Should().ContainSingle().Which!["product"]!["slug"]!.GetValue<string>().Should().Be("predator");
        var process = await editor.GetAsync("/api/v1/indicators?value=bh", Ct).OkAsync();
        process["items"]!.AsArray().Should().Contain(i => i!["product"]!["slug"]!.GetValue<string>() == "pegasus");
        // Drafts are not the public's: four eyes first.
        var publicView = await app.Anonymous().GetAsync("/api/v1/indicators?value=mobnetlink1.com", Ct).OkAsync();
        publicView["total"]!.GetValue<int>().Should().Be(0);
        (await app.Anonymous().GetAsync("/api/v1/indicators", Ct)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // The Predator bundle waits as one change set: its indicators, their citations and the bundle's source. A
        // reviewer (not the importer: four eyes) publishes it in one step, and the public finds the domain.
        sets.Should().ContainKey("amnesty-2021-12-16-cytrox-predator.stix2", "each test class has a fresh database");
        var set = sets["amnesty-2021-12-16-cytrox-predator.stix2"];
        var (_, reviewer) = await app.ReviewerAsync();
        var view = await reviewer.GetAsync($"/api/v1/change-sets/{set}", Ct).OkAsync();
        var items = view["items"]!.AsArray();
        items.Count(i => i!["type"]!.GetValue<string>() == "indicator").Should().Be(343);
        items.Count(i => i!["type"]!.GetValue<string>() == "citation").Should().Be(343);
        items.Should().Contain(i => i!["type"]!.GetValue<string>() == "source", "the bundle's new source is published with its citations");
        await reviewer.PostJsonAsync($"/api/v1/change-sets/{set}/publish", new { comment = "checked against Amnesty's report" }).OkAsync();
        var published = await app.Anonymous().GetAsync("/api/v1/indicators?value=mobnetlink1.com", Ct).OkAsync();
        published["items"]!.AsArray().Should().ContainSingle().Which!["product"]!["slug"]!.GetValue<string>().Should().Be("predator");
    }

    [Fact]
    public async Task TruncatedBundles_AndStix1Xml_AreRefused_WithNothingWritten()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var editor = app.CreateClient();
        var before = await CountIndicatorsAsync();
        var whole = await File.ReadAllBytesAsync(Path.Combine(Fixtures, "stix-bundles", "amnesty-2021-12-16-cytrox-predator.stix2"), Ct);
        var truncated = await PostAsync(editor, whole[..(whole.Length / 2)], "cut.stix2");
        var problem = await truncated.ShouldBeProblemAsync(400);
        problem.ToJsonString().Should().Contain("not valid JSON");

        var stix1 = await PostAsync(editor, await File.ReadAllBytesAsync(Path.Combine(Fixtures, "stix-bundles", "stix1-package.xml"), Ct), "package.xml");
        (await stix1.ShouldBeProblemAsync(400)).ToJsonString().Should().Contain("STIX 1.x");

        // Valid JSON, invalid STIX: a dangling reference and a bad timestamp, each named by the object's id.
        var broken = JsonNode.Parse(whole)!;
        var objects = broken["objects"]!.AsArray();
        objects[1]!["valid_from"] = "yesterday";
        var relationship = objects.First(o => o!["type"]!.GetValue<string>() == "relationship")!;
        relationship["target_ref"] = "malware--00000000-0000-4000-8000-000000000000";
        var refused = await (await PostAsync(editor, JsonSerializer.SerializeToUtf8Bytes(broken), "broken.stix2")).ShouldBeProblemAsync(400);
        var errors = refused.ToJsonString();
        errors.Should().Contain(objects[1]!["id"]!.GetValue<string>()).And.Contain("valid_from");
        errors.Should().Contain(relationship["id"]!.GetValue<string>()).And.Contain("not in the bundle");
        (await CountIndicatorsAsync()).Should().Be(before, "a refused bundle writes nothing");

        (await app.Anonymous().PostAsync("/api/v1/indicators/import", new ByteArrayContent(whole), Ct)).StatusCode
            .Should().BeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OfficialExamples_WithIndicators_ImportWithoutError()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var editor = app.CreateClient();
        foreach (var path in Directory.GetFiles(Path.Combine(Fixtures, "stix2", "examples"), "*.json").Order())
        {
            var bundle = JsonNode.Parse(await File.ReadAllTextAsync(path, Ct))!;
            var count = bundle["objects"]!.AsArray().Count(o => o!["type"]!.GetValue<string>() == "indicator");
            var response = await PostBundleAsync(editor, path);
            var body = await response.Content.ReadAsStringAsync(Ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{Path.GetFileName(path)}: {body}");
            JsonNode.Parse(body)!["indicators"]!.GetValue<int>().Should().Be(count, Path.GetFileName(path));
        }
    }

    private async Task<int> AuditedStixExportsAsync() =>
        (await app.InScopeAsync(sp => sp.GetRequiredService<SecurityDb>().AuditLog
            .Where(e => e.Event == AuditEvents.Export && e.Actor == "test-editor" && e.Detail.Contains("format=stix")).Select(e => e.Detail).ToListAsync(Ct)))
            .Count(d => d.Contains("highest=AMBER") || d.Contains("highest=RED"));

    private Task<int> CountIndicatorsAsync() =>
        app.InScopeAsync(sp => sp.GetRequiredService<Vigil.Data.VigilDb>().Indicators.IgnoreQueryFilters().CountAsync(Ct));

    private static async Task<HttpResponseMessage> PostBundleAsync(HttpClient client, string path) =>
        await PostAsync(client, await File.ReadAllBytesAsync(path, Ct), Path.GetFileName(path));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, string name)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/stix+json");
        return client.PostAsync($"/api/v1/indicators/import?name={Uri.EscapeDataString(name)}", content, Ct);
    }

    private static async Task<JsonNode> BundleAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/stix+json");
        response.Content.Headers.ContentType.Parameters.Should().Contain(p => p.Name == "version" && p.Value == "2.1");
        return JsonNode.Parse(text)!;
    }

    private static IReadOnlyList<StixProblem> Problems(JsonNode bundle)
    {
        using var doc = JsonDocument.Parse(bundle.ToJsonString());
        return s_validator.Value.Validate(doc.RootElement);
    }

    private static List<string> Ids(JsonNode bundle) => [.. bundle["objects"]!.AsArray().Select(o => o!["id"]!.GetValue<string>())];
}

[Trait("Database", "Sqlite")]
[Collection(SqliteApiCollection.Name)]
public sealed class SqliteStixApiTests(SqliteEditorApp app) : StixApiTests(app);

[Trait("Database", "Postgres")]
[Collection(PostgresApiCollection.Name)]
public sealed class PostgresStixApiTests(PostgresEditorApp app) : StixApiTests(app);
