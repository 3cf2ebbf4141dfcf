using System.CommandLine;
using System.Net.Http.Headers;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil api METHOD PATH --server URL [--body FILE]</c>: any API call, printing the JSON answer.</summary>
internal static class ApiCommand
{
    public static Command Build(CliConsole console)
    {
        var method = new Argument<string>("method") { Description = "GET, POST, PUT, PATCH or DELETE." };
        method.AcceptOnlyFromAmong("GET", "POST", "PUT", "PATCH", "DELETE", "get", "post", "put", "patch", "delete");
        var path = new Argument<string>("path") { Description = "The API path, e.g. /api/v1/actors/intellexa-sa." };
        var body = new Option<string?>("--body") { Description = "A JSON file to send as the request body ('-' reads standard input)." };
        var command = new Command("api", "Call the API of the server named by --server and print its JSON answer (the OpenAPI document is at /openapi/v1.json).")
        {
            method, path, body,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!Remote.IsRequested(parse))
            {
                await console.Error.WriteLineAsync("--server: 'vigil api' calls a running server; give its URL with --server.");
                return VigilCommand.ExitCodes.Usage;
            }
            HttpContent? content = null;
            if (parse.GetValue(body) is { } file)
            {
                string json;
                try
                {
                    json = file == "-" ? await console.Input.ReadToEndAsync(ct) : await File.ReadAllTextAsync(file, ct);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await console.Error.WriteLineAsync($"--body: cannot read '{file}': {e.Message}");
                    return VigilCommand.ExitCodes.InvalidInput;
                }
                content = new StringContent(json);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            return await Remote.RunAsync(parse, console, async remote =>
            {
                var text = await remote.SendTextAsync(new HttpMethod(parse.GetValue(method)!.ToUpperInvariant()), parse.GetValue(path)!, content, ct);
                await console.Output.WriteLineAsync(text);
                return VigilCommand.ExitCodes.Ok;
            });
        });
        return command;
    }
}
