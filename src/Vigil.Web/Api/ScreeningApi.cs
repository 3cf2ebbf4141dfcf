using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vigil.Data;
using Vigil.Features.Screening;
using Vigil.Matching;

namespace Vigil.Web.Api;

/// <summary>
/// Screening: <c>POST /api/v1/match</c> speaks yente's matching API (a client written for yente works
/// unchanged; <c>GET /api/v1/catalog</c> lists the datasets it may name), and <c>/api/v1/reconcile</c> the W3C / OpenRefine reconciliation service API (manifest,
/// queries, preview, suggest). Both are reads: they answer from what the reader may see, like a search.
/// </summary>
public static class ScreeningApi
{
    public static RouteGroupBuilder MapScreeningApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/match", (ScreenNamesHandler h, MatchRequest body, double? threshold, int? limit, [FromQuery(Name = "include_dataset")] string[]? include_dataset, CancellationToken ct) =>
                MatchAsync(h, body, "default", threshold, limit, include_dataset, ct))
            .WithTags("Screening").WithName("Match")
            .WithSummary("Screens entities as yente does: queries of FtM schema and properties in, scored and explained candidates out.");
        v1.MapPost("/match/{dataset}", (ScreenNamesHandler h, MatchRequest body, string dataset, double? threshold, int? limit, [FromQuery(Name = "include_dataset")] string[]? include_dataset, CancellationToken ct) =>
                MatchAsync(h, body, dataset, threshold, limit, include_dataset, ct))
            .WithTags("Screening").WithName("MatchDataset")
            .WithSummary("Screens against one dataset (vigil, a list, or a source dataset such as eu_fsf: see /catalog; default: all), as yente's /match/{dataset}.");
        v1.MapGet("/catalog", async (ScreeningDatasetsHandler h, CancellationToken ct) =>
                TypedResults.Ok(new Catalog([.. (await h.HandleAsync(ct)).Select(d => new CatalogDataset(d.Name, d.Title, d.Count))])))
            .WithTags("Screening").WithName("Catalog")
            .WithSummary("The datasets screening knows, as yente's /catalog: the graph, the lists, the source datasets of listed entries, each with its count.");
        v1.MapGet("/reconcile", ReconcileGetAsync).WithTags("Screening").WithName("ReconcileManifest")
            .WithSummary("The reconciliation service manifest (W3C / OpenRefine), or the answers to ?queries=.");
        v1.MapPost("/reconcile", ReconcilePostAsync).WithTags("Screening").WithName("Reconcile")
            .WithSummary("Reconciliation queries (form field or JSON body 'queries'), as OpenRefine sends them.").DisableAntiforgery();
        v1.MapGet("/reconcile/preview", PreviewAsync).WithTags("Screening").WithName("ReconcilePreview")
            .WithSummary("A small HTML card of one candidate, for OpenRefine's preview.");
        v1.MapGet("/reconcile/suggest/entity", SuggestAsync).WithTags("Screening").WithName("ReconcileSuggest")
            .WithSummary("Type-ahead over actors' names and aliases for OpenRefine's suggest.");
        return v1;
    }

    private static async Task<Results<Ok<MatchResponse>, ValidationProblem>> MatchAsync(
        ScreenNamesHandler handler, MatchRequest body, string dataset, double? threshold, int? limit, string[]? includeDatasets, CancellationToken ct)
    {
        var datasets = new List<string>();
        if (!string.IsNullOrEmpty(dataset) && dataset != "default")
        {
            datasets.Add(dataset);
        }
        datasets.AddRange(includeDatasets ?? []);
        var queries = (body.Queries ?? []).ToDictionary(
            q => q.Key,
            q => new ScreeningQuery(q.Value.Schema, (q.Value.Properties ?? []).ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.Select(Text).OfType<string>().ToList())));
        var outcome = await handler.HandleAsync(new ScreeningRequest(queries, threshold, limit, datasets.Count == 0 ? null : datasets), ct);
        if (outcome.Errors is not null)
        {
            return TypedResults.ValidationProblem(outcome.Errors);
        }
        var responses = outcome.Responses!.ToDictionary(r => r.Key, r => new MatchAnswer(
            200,
            [.. r.Value.Results.Select(x => new MatchResult(x.Id, x.Caption, x.Schema, x.Properties, x.Datasets, [], false, x.Score, x.Features, x.Match, x.Explanation))],
            new MatchTotal(r.Value.Total, "eq"),
            new MatchQuery(r.Value.Query.Schema, r.Value.Query.Properties)));
        return TypedResults.Ok(new MatchResponse(responses, new MatchMatcher("vigil-name-engine", NameMatcher.DefaultThreshold, outcome.Threshold), outcome.Limit));
    }

    // yente's properties are lists of strings; a client may send a bare string or a number.
    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => null,
    };

    private static async Task<IResult> ReconcileGetAsync(HttpContext http, ScreenNamesHandler handler, string? queries, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(queries))
        {
            var root = $"{http.Request.Scheme}://{http.Request.Host}";
            return TypedResults.Ok(new ReconcileManifest(
                ["0.2"], "Vigil", $"{root}/actors/", "https://followthemoney.tech/explorer/schemata/",
                [new("Person", "Person"), new("Company", "Company"), new("Organization", "Organization"), new("PublicBody", "Public body")],
                new ReconcileView($"{root}/actors/{{{{id}}}}"),
                new ReconcilePreview($"{root}/api/v1/reconcile/preview?id={{{{id}}}}", 400, 140),
                new ReconcileSuggest(new ReconcileService($"{root}/api/v1/reconcile", "/suggest/entity"))));
        }
        return await ReconcileAsync(handler, queries, ct);
    }

    private static async Task<IResult> ReconcilePostAsync(HttpContext http, ScreenNamesHandler handler, CancellationToken ct)
    {
        string? queries = null;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            queries = form["queries"];
        }
        else
        {
            using var reader = new StreamReader(http.Request.Body);
            var text = await reader.ReadToEndAsync(ct);
            queries = text;
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("queries", out var inner))
                {
                    queries = inner.ValueKind == JsonValueKind.String ? inner.GetString() : inner.GetRawText();
                }
            }
            catch (JsonException)
            {
                // Reported below with the same words as a bad form field.
            }
        }
        return await ReconcileAsync(handler, queries, ct);
    }

    private static async Task<IResult> ReconcileAsync(ScreenNamesHandler handler, string? queries, CancellationToken ct)
    {
        Dictionary<string, ReconcileQuery>? parsed = null;
        try
        {
            parsed = string.IsNullOrWhiteSpace(queries) ? null : JsonSerializer.Deserialize<Dictionary<string, ReconcileQuery>>(queries, s_json);
        }
        catch (JsonException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["queries"] = [$"Not valid JSON: {e.Message}"] });
        }
        if (parsed is null || parsed.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["queries"] = ["Give 'queries': a JSON object of queries by key, each with a 'query' text."] });
        }
        var screening = parsed.ToDictionary(q => q.Key, q =>
        {
            var properties = new Dictionary<string, IReadOnlyList<string>> { ["name"] = [q.Value.Query ?? ""] };
            foreach (var p in q.Value.Properties ?? [])
            {
                var value = Text(p.V);
                if (p.Pid is not null && value is not null)
                {
                    properties[p.Pid] = [.. properties.GetValueOrDefault(p.Pid) ?? [], value];
                }
            }
            return new ScreeningQuery(q.Value.Type, properties);
        });
        var limit = parsed.Values.Select(q => q.Limit ?? 5).DefaultIfEmpty(5).Max();
        // Reconciliation shows candidates for a person to pick: ask for those below the match threshold too.
        var outcome = await handler.HandleAsync(new ScreeningRequest(screening, NameMatcher.DefaultThreshold, limit), ct);
        if (outcome.Errors is not null)
        {
            return TypedResults.ValidationProblem(outcome.Errors);
        }
        var answer = outcome.Responses!.ToDictionary(r => r.Key, r => new ReconcileAnswer(
            [.. r.Value.Results.Take(parsed[r.Key].Limit ?? 5).Select(x => new ReconcileCandidate(x.Id, x.Caption, [new(x.Schema, x.Schema)], Math.Round(x.Score * 100, 1), x.Match, x.Explanation))]));
        return TypedResults.Ok(answer);
    }

    private static async Task<IResult> PreviewAsync(Features.Actors.GetActorHandler actors, string? id, CancellationToken ct)
    {
        var actor = string.IsNullOrWhiteSpace(id) ? null : await actors.HandleAsync(id, ct);
        if (actor is null)
        {
            return ApiResults.NotFound("actor", id ?? "");
        }
        var e = HtmlEncoder.Default;
        var aliases = string.Join(", ", actor.Aliases.Take(5).Select(a => e.Encode(a.Name)));
        var html = $"<html><body style=\"font-family:sans-serif;font-size:13px\"><b>{e.Encode(actor.Name)}</b><br>"
            + $"{e.Encode(actor.Kind.ToString())}{(actor.CountryName is null ? "" : " · " + e.Encode(actor.CountryName))}<br>"
            + (aliases.Length == 0 ? "" : $"also: {aliases}<br>")
            + $"<small>{e.Encode(actor.Description ?? "")}</small></body></html>";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<Ok<ReconcileSuggestions>> SuggestAsync(VigilDb db, NameSearch names, string? prefix, CancellationToken ct)
    {
        var hits = string.IsNullOrWhiteSpace(prefix) ? [] : await names.SearchVisibleAsync(db, prefix, ["actor"], 10, prefix: true, ct: ct);
        var ids = hits.Select(h => h.Id).ToList();
        var slugs = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(
            db.Actors.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Slug, a.Name }), a => a.Id, ct);
        return TypedResults.Ok(new ReconcileSuggestions(
            [.. hits.Where(h => slugs.ContainsKey(h.Id)).Select(h => new ReconcileSuggestion(slugs[h.Id].Slug, slugs[h.Id].Name, h.Primary ? null : "also known as " + h.Name))]));
    }

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
}

/// <summary>yente's catalog: the datasets a match may name.</summary>
public sealed record Catalog(IReadOnlyList<CatalogDataset> Datasets);

/// <summary>A dataset: its name, its title where known, and its entities now (the graph: the actors the reader may see).</summary>
public sealed record CatalogDataset(string Name, string? Title, [property: JsonPropertyName("entity_count")] int EntityCount);

/// <summary>yente's request: queries by key. Each holds an FtM schema and properties (lists of strings).</summary>
public sealed record MatchRequest(Dictionary<string, MatchRequestQuery>? Queries);

public sealed record MatchRequestQuery(string? Schema, Dictionary<string, JsonElement[]>? Properties);

/// <summary>yente's response: one answer per query key, the matcher used, the limit.</summary>
public sealed record MatchResponse(IReadOnlyDictionary<string, MatchAnswer> Responses, MatchMatcher Matcher, int Limit);

public sealed record MatchAnswer(int Status, IReadOnlyList<MatchResult> Results, MatchTotal Total, MatchQuery Query);

public sealed record MatchTotal(int Value, string Relation);

public sealed record MatchQuery(string? Schema, IReadOnlyDictionary<string, IReadOnlyList<string>> Properties);

public sealed record MatchMatcher(string Name, double DefaultThreshold, double Threshold);

/// <summary>
/// One candidate in yente's shape (<c>id</c>, <c>caption</c>, <c>schema</c>, <c>properties</c>,
/// <c>datasets</c>, <c>score</c>, <c>features</c>, <c>match</c>), with Vigil's one-line explanation.
/// Only records the reader may see; a target of spyware is never an actor, so never a result.
/// </summary>
public sealed record MatchResult(
    string Id, string Caption, string Schema, IReadOnlyDictionary<string, IReadOnlyList<string>> Properties, IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Referents, bool Target, double Score, IReadOnlyDictionary<string, double> Features, bool Match, string Explanation);

public sealed record ReconcileManifest(
    IReadOnlyList<string> Versions, string Name, string IdentifierSpace, string SchemaSpace, IReadOnlyList<ReconcileType> DefaultTypes,
    ReconcileView View, ReconcilePreview Preview, ReconcileSuggest Suggest);

public sealed record ReconcileType(string Id, string Name);

public sealed record ReconcileView(string Url);

public sealed record ReconcilePreview(string Url, int Width, int Height);

public sealed record ReconcileSuggest(ReconcileService Entity);

public sealed record ReconcileService([property: JsonPropertyName("service_url")] string ServiceUrl, [property: JsonPropertyName("service_path")] string ServicePath);

public sealed record ReconcileQuery(string? Query, string? Type, int? Limit, List<ReconcileProperty>? Properties);

public sealed record ReconcileProperty(string? Pid, JsonElement V);

public sealed record ReconcileAnswer(IReadOnlyList<ReconcileCandidate> Result);

public sealed record ReconcileCandidate(string Id, string Name, IReadOnlyList<ReconcileType> Type, double Score, bool Match, string Description);

public sealed record ReconcileSuggestions(IReadOnlyList<ReconcileSuggestion> Result);

public sealed record ReconcileSuggestion(string Id, string Name, string? Description);
