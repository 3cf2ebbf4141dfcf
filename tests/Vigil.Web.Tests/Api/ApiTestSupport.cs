using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Web.Tests.Api;

/// <summary>Small helpers in domain words for the API tests: records are made with unique slugs, never taken from the starter data.</summary>
internal static class ApiTestSupport
{
    private static int s_counter;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A slug no other test uses.</summary>
    public static string Unique(string stem) => $"{stem}-{Interlocked.Increment(ref s_counter)}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Stores an actor directly (as the system), published and CLEAR unless said otherwise.</summary>
    public static async Task<Actor> AddActorAsync(this VigilApp app, string slug, string? name = null, ActorKind kind = ActorKind.Company,
        string? country = null, Marking marking = Marking.Clear, ReviewStatus status = ReviewStatus.Published, string? description = null)
    {
        await using var db = app.CreateDb();
        var actor = new Actor { Slug = slug, Name = name ?? slug, ActorKind = kind, Country = country, Marking = marking, Status = status, Description = description };
        db.Actors.Add(actor);
        await db.SaveChangesAsync(Ct);
        return actor;
    }

    public static async Task<Source> AddSourceAsync(this VigilApp app, string slug, string? title = null, Marking marking = Marking.Clear, ReviewStatus status = ReviewStatus.Published)
    {
        await using var db = app.CreateDb();
        var source = new Source { Slug = slug, Title = title ?? slug, Url = $"https://example.org/{slug}", Reliability = 'B', Marking = marking, Status = status };
        db.Sources.Add(source);
        await db.SaveChangesAsync(Ct);
        return source;
    }

    public static async Task<Product> AddProductAsync(this VigilApp app, string slug, string? name = null, Marking marking = Marking.Clear, ReviewStatus status = ReviewStatus.Published)
    {
        await using var db = app.CreateDb();
        var product = new Product { Slug = slug, Name = name ?? slug, Marking = marking, Status = status };
        db.Products.Add(product);
        await db.SaveChangesAsync(Ct);
        return product;
    }

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

    /// <summary>Asserts a ProblemDetails answer with <paramref name="status"/> and returns its body.</summary>
    public static async Task<JsonNode> ShouldBeProblemAsync(this HttpResponseMessage response, int status)
    {
        ((int)response.StatusCode).Should().Be(status, await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var body = await response.ReadJsonAsync();
        body["status"]!.GetValue<int>().Should().Be(status);
        return body;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json, Ct);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Json, Ct);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEnumerable<string> Slugs(this JsonNode page) => page["items"]!.AsArray().Select(i => i!["slug"]!.GetValue<string>());
}
