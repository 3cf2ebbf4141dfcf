using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>
/// The committed OpenAPI document (docs/openapi/v1.json) is the API's contract: this test fails when the
/// served document differs. <c>scripts/update-openapi</c> runs it with VIGIL_UPDATE_OPENAPI=1 to rewrite the file.
/// </summary>
[Trait("Database", "Sqlite")]
[Collection(SqliteApiCollection.Name)]
public sealed class OpenApiDocumentTests(SqliteApp app)
{
    private const string UpdateVariable = "VIGIL_UPDATE_OPENAPI";

    [Fact]
    public async Task ServedDocument_MatchesTheCommittedOne()
    {
        var served = Normalise(await app.CreateClient().GetStringAsync("/openapi/v1.json", Ct));
        var path = Path.Combine(RepositoryRoot(), "docs", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served, Ct);
            return;
        }
        File.Exists(path).Should().BeTrue($"{path} must be committed; run scripts/update-openapi");
        var committed = await File.ReadAllTextAsync(path, Ct);
        served.Should().Be(committed.ReplaceLineEndings("\n"),
            "the API changed but docs/openapi/v1.json did not: run scripts/update-openapi and commit the result");
    }

    [Fact]
    public async Task Document_ShowsEnumsAsKebabCaseStrings()
    {
        var doc = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json", Ct))!;
        var kind = doc["components"]!["schemas"]!["ActorKind"]!;
        kind["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Contain(["state", "public-body", "company", "person", "organisation"]);
    }

    /// <summary>Indented, LF, trailing newline, without the <c>servers</c> entry (it names the test host's address).</summary>
    private static string Normalise(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Vigil.slnx not found above the test folder.");
    }
}
