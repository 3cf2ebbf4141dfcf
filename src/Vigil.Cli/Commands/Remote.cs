using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Vigil.Cli.Commands;

/// <summary>
/// Remote mode: a verb run with <c>--server URL</c> calls that server's /api/v1 with the API token from
/// <c>VIGIL_TOKEN</c> or <c>--token-file</c>, and reads what the token's owner may read there.
/// </summary>
internal sealed class Remote(HttpClient client, Uri server)
{
    public const string TokenVariable = "VIGIL_TOKEN";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly JsonSerializerOptions s_indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Whether the verb was asked to run against a server.</summary>
    public static bool IsRequested(ParseResult parse) => !string.IsNullOrWhiteSpace(parse.GetValue(VigilCommand.Server));

    /// <summary>Connects to the server named by --server and runs <paramref name="work"/>; failures become exit codes with a message.</summary>
    public static async Task<int> RunAsync(ParseResult parse, CliConsole console, Func<Remote, Task<int>> work)
    {
        var error = console.Error;
        var url = parse.GetValue(VigilCommand.Server)!.Trim();
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
        {
            await error.WriteLineAsync($"--server: '{url}' is not an http(s) URL, e.g. https://vigil.example.org.");
            return VigilCommand.ExitCodes.Usage;
        }
        string? token;
        if (parse.GetValue(VigilCommand.TokenFile) is { } file)
        {
            try
            {
                token = (await File.ReadAllTextAsync(file)).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"--token-file: cannot read '{file}': {e.Message}");
                return VigilCommand.ExitCodes.Configuration;
            }
            if (token.Length == 0)
            {
                await error.WriteLineAsync($"--token-file: '{file}' is empty.");
                return VigilCommand.ExitCodes.Configuration;
            }
        }
        else
        {
            token = console.Variable(TokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim() : null;
        }
        // A token over plain HTTP can be read by anyone on the path; only the machine itself is exempt.
        if (token is not null && server.Scheme == "http" && !server.IsLoopback)
        {
            await error.WriteLineAsync($"--server: refusing to send the API token over plain http to {server.Host}; use https.");
            return VigilCommand.ExitCodes.Configuration;
        }
        using var client = console.Http is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
        client.BaseAddress = server;
        client.Timeout = TimeSpan.FromSeconds(100);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("vigil-cli", "1"));
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        try
        {
            return await work(new Remote(client, server));
        }
        catch (RemoteFailure e)
        {
            await error.WriteLineAsync(e.Message);
            return e.ExitCode;
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"Cannot reach {server}: {e.Message}");
            return VigilCommand.ExitCodes.Configuration;
        }
        catch (TaskCanceledException)
        {
            await error.WriteLineAsync($"{server} did not answer in time.");
            return VigilCommand.ExitCodes.Configuration;
        }
    }

    /// <summary>GETs an API path and reads the JSON answer as <typeparamref name="T"/>.</summary>
    public async Task<T> GetAsync<T>(string path, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, ct);
        return await response.Content.ReadFromJsonAsync<T>(Json, ct)
            ?? throw new RemoteFailure(VigilCommand.ExitCodes.InvalidInput, $"{server}: the answer to {path} was empty.");
    }

    /// <summary>Sends a request to an API path and returns the answer's body, indented when it is JSON.</summary>
    public async Task<string> SendTextAsync(HttpMethod method, string path, HttpContent? body, CancellationToken ct)
    {
        using var response = await SendAsync(method, path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (text.Length == 0 || response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) != true)
        {
            return text;
        }
        using var document = JsonDocument.Parse(text);
        return JsonSerializer.Serialize(document.RootElement, s_indented);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? body, CancellationToken ct)
    {
        // Only the server's API: the token must never be sent anywhere a path could point it.
        if (!path.StartsWith("/api/", StringComparison.Ordinal) || path.Contains("//", StringComparison.Ordinal))
        {
            throw new RemoteFailure(VigilCommand.ExitCodes.Usage, $"path: '{path}' is not an API path; it must start with /api/ (e.g. /api/v1/stats).");
        }
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = body };
        var response = await client.SendAsync(request, ct);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        var detail = await ProblemDetailAsync(response, ct);
        response.Dispose();
        throw new RemoteFailure(VigilCommand.ExitCodes.InvalidInput, response.StatusCode switch
        {
            HttpStatusCode.Unauthorized =>
                $"{server} refused the API token (401): it is unknown, expired or revoked, or its account is disabled. " +
                $"Give a valid token in {TokenVariable} or with --token-file.",
            HttpStatusCode.Forbidden =>
                $"{server} refused (403): the token's account may not do this{(detail is null ? "" : ": " + detail)}. " +
                "A read-only token never writes, and editors need two-factor authentication set up.",
            _ => $"{server} answered {(int)response.StatusCode} {response.ReasonPhrase}{(detail is null ? "" : ": " + detail)}",
        });
    }

    private static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
            if (problem.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var parts = new List<string>();
            if (problem.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
            {
                parts.Add(d.GetString()!);
            }
            else if (problem.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String)
            {
                parts.Add(t.GetString()!);
            }
            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                parts.AddRange(errors.EnumerateObject().Select(e => $"{e.Name}: {string.Join(" ", e.Value.EnumerateArray().Select(v => v.GetString()))}"));
            }
            return parts.Count == 0 ? null : string.Join("; ", parts);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private sealed class RemoteFailure(int exitCode, string message) : Exception(message)
    {
        public int ExitCode { get; } = exitCode;
    }
}
