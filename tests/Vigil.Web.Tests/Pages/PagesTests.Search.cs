using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace Vigil.Web.Tests.Pages;

public abstract partial class PagesTests<TApp>
{
    [Fact]
    public async Task Search_TypoAndPrefixQueries_NeverReachHiddenRecords()
    {
        // The name engine's index holds every name; what it finds must still pass the reader's filters.
        foreach (var q in new[] { "Nightjr Brokerage", "Nightja", "Quilwort Draftwork", "Quillwort Draftwork Ltd" })
        {
            var html = await PageAsync("/search?q=" + Uri.EscapeDataString(q));
            html.Should().Contain("0 records", q);
            AssertNothingHidden(html);
            var json = await _client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + Uri.EscapeDataString(q), Ct);
            json.GetProperty("total").GetInt32().Should().Be(0, q);
            json.GetRawText().Should().NotContain("Nightjar").And.NotContain("Quillwort");
        }
    }
}

public abstract partial class PagesTests<TApp>
{
    [Fact]
    public async Task Match_TakesYentesRequest_AndAnswersInItsShape_WithoutHiddenRecords()
    {
        // The request exactly as yente's documentation shows it.
        var request = JsonDocument.Parse("""
            {"queries": {
                "q1": {"schema": "Company", "properties": {"name": ["Intelexa SA"], "jurisdiction": ["gr"]}},
                "q2": {"schema": "Person", "properties": {"name": ["DILIAN, Tal"], "nationality": ["il"]}},
                "q3": {"schema": "Company", "properties": {"name": ["Nightjar Brokerage Holdings"]}},
                "q4": {"schema": "Company", "properties": {"name": ["Quillwort Draftworks"]}}
            }}
            """).RootElement;
        var response = await _client.PostAsJsonAsync("/api/v1/match/default?limit=3&threshold=0.8", request, Ct);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var responses = json.GetProperty("responses");
        var q1 = responses.GetProperty("q1");
        q1.GetProperty("status").GetInt32().Should().Be(200);
        var top = q1.GetProperty("results")[0];
        top.GetProperty("id").GetString().Should().Be("intellexa");
        top.GetProperty("caption").GetString().Should().Be("Intellexa S.A.");
        top.GetProperty("schema").GetString().Should().Be("Company");
        top.GetProperty("properties").GetProperty("name")[0].GetString().Should().Be("Intellexa S.A.");
        top.GetProperty("match").GetBoolean().Should().BeTrue();
        top.GetProperty("score").GetDouble().Should().BeGreaterThanOrEqualTo(0.8);
        top.GetProperty("features").GetProperty("name_match").GetDouble().Should().BeGreaterThan(0);
        top.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()).Should().Contain("vigil");
        responses.GetProperty("q2").GetProperty("results")[0].GetProperty("id").GetString().Should().Be("tal-dilian");
        responses.GetProperty("q1").GetProperty("total").GetProperty("value").GetInt32().Should().BeGreaterThan(0);
        json.GetProperty("limit").GetInt32().Should().Be(3);
        foreach (var hidden in new[] { "q3", "q4" })
        {
            responses.GetProperty(hidden).GetProperty("results").GetArrayLength().Should().Be(0, "the anonymous reader may not see " + hidden);
        }
        json.GetProperty("responses").GetProperty("q3").GetProperty("results").GetRawText().Should().NotContain(TestGraph.RedSlug);
    }

    [Fact]
    public async Task Match_RefusesAQueryWithoutAName_AsAProblem()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/match", JsonDocument.Parse("""{"queries": {"a": {"schema": "Person", "properties": {}}}}""").RootElement, Ct);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("queries.a.properties.name");
    }

    [Fact]
    public async Task Reconcile_SpeaksOpenRefine_ManifestQueriesPreviewSuggest()
    {
        var manifest = await _client.GetFromJsonAsync<JsonElement>("/api/v1/reconcile", Ct);
        manifest.GetProperty("versions").EnumerateArray().Select(v => v.GetString()).Should().Contain("0.2");
        manifest.GetProperty("defaultTypes").GetArrayLength().Should().BeGreaterThan(0);
        manifest.GetProperty("suggest").GetProperty("entity").GetProperty("service_path").GetString().Should().Be("/suggest/entity");

        // OpenRefine posts its batch as a form field named "queries".
        var queries = """{"q0": {"query": "Intellexa", "type": "Company", "limit": 3}, "q1": {"query": "Nightjar Brokerage Holdings", "limit": 3}, "q2": {"query": "Tal Dilian", "type": "Person", "properties": [{"pid": "country", "v": "IL"}]}}""";
        var response = await _client.PostAsync("/api/v1/reconcile", new FormUrlEncodedContent([new("queries", queries)]), Ct);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var first = answer.GetProperty("q0").GetProperty("result")[0];
        first.GetProperty("id").GetString().Should().Be("intellexa");
        first.GetProperty("match").GetBoolean().Should().BeTrue();
        first.GetProperty("score").GetDouble().Should().BeGreaterThan(80);
        first.GetProperty("type")[0].GetProperty("id").GetString().Should().Be("Company");
        answer.GetProperty("q1").GetProperty("result").GetArrayLength().Should().Be(0);
        answer.GetProperty("q2").GetProperty("result")[0].GetProperty("id").GetString().Should().Be("tal-dilian");

        var suggest = await _client.GetFromJsonAsync<JsonElement>("/api/v1/reconcile/suggest/entity?prefix=intel", Ct);
        suggest.GetProperty("result").EnumerateArray().Select(r => r.GetProperty("id").GetString()).Should().Contain("intellexa");
        var hiddenSuggest = await _client.GetStringAsync("/api/v1/reconcile/suggest/entity?prefix=nightj", Ct);
        hiddenSuggest.Should().NotContain("Nightjar");

        (await _client.GetStringAsync("/api/v1/reconcile/preview?id=intellexa", Ct)).Should().Contain("Intellexa S.A.");
        (await _client.GetAsync($"/api/v1/reconcile/preview?id={TestGraph.RedSlug}", Ct)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ScreeningPage_OffersOneNameAndACsv()
    {
        var html = await PageAsync("/screening");
        html.Should().Contain("<h1>Screening</h1>").And.Contain("name=\"Upload\"").And.Contain("name=\"__RequestVerificationToken\"")
            .And.Contain("name=\"Dataset\"").And.Contain("<option value=\"us_ofac_sdn\"");
        // The match queue links a list entry to a screening of its name: a GET with ?name= screens it.
        var screened = await PageAsync("/screening?name=Intelexa&dataset=vigil");
        screened.Should().Contain("class=\"screening-results\"").And.Contain("Intellexa").And.Contain("<th scope=\"col\">List</th>");
    }
}
