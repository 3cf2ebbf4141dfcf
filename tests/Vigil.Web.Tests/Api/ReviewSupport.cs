using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Vigil.Security;
using Vigil.Testing;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Api;

/// <summary>The four-eyes cycle in test words: records are created as drafts and published by a second account.</summary>
internal static class ReviewSupport
{
    /// <summary>A client with no credentials (the editor app's default client sends the editor's token).</summary>
    public static HttpClient Anonymous(this VigilApp app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A new account with the reviewer role (two-factor on) and its client.</summary>
    public static async Task<(string Name, HttpClient Client)> ReviewerAsync(this VigilApp app, params string[] roles)
    {
        var name = Unique("reviewer");
        var (_, token) = await app.CreateAccountAsync(name, roles.Length == 0 ? [Roles.Reviewer] : roles);
        return (name, app.CreateClient(token));
    }

    public static async Task<JsonNode> CreatedAsync(this HttpClient client, string url, object body)
    {
        var response = await client.PostJsonAsync(url, body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonNode> OkAsync(this Task<HttpResponseMessage> call)
    {
        var response = await call;
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.ReadJsonAsync();
    }

    /// <summary>Submits (as <paramref name="editor"/>) and publishes (as <paramref name="reviewer"/>) the record at <paramref name="path"/>.</summary>
    public static async Task PublishThroughReviewAsync(HttpClient editor, HttpClient reviewer, string path)
    {
        await editor.PostJsonAsync($"{path}/submit", new { }).OkAsync();
        (await reviewer.PostJsonAsync($"{path}/publish", new { }).OkAsync())["status"]!.GetValue<string>().Should().Be("published");
    }

    /// <summary>A draft actor with a draft source and citation, all three published through review. Returns the actor's slug.</summary>
    public static async Task<string> PublishedActorAsync(HttpClient editor, HttpClient reviewer, string name, string marking = "CLEAR")
    {
        var actor = (await editor.CreatedAsync("/api/v1/actors", new { name, kind = "company", marking }))["slug"]!.GetValue<string>();
        var source = (await editor.CreatedAsync("/api/v1/sources", new { title = $"Evidence on {name}", url = "https://example.org/e", reliability = "B" }))["slug"]!.GetValue<string>();
        var citation = (await editor.CreatedAsync("/api/v1/citations", new { source, subject = $"actor:{actor}" }))["slug"]!.GetValue<string>();
        await PublishThroughReviewAsync(editor, reviewer, $"/api/v1/sources/{source}");
        await PublishThroughReviewAsync(editor, reviewer, $"/api/v1/citations/{citation}");
        await PublishThroughReviewAsync(editor, reviewer, $"/api/v1/actors/{actor}");
        return actor;
    }
}
