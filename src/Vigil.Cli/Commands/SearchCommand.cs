using System.CommandLine;
using Vigil.Features.Search;
using Vigil.Model;
using Vigil.Web.Api;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil search TEXT [--kind K] [--page N]</c>: the same search as the web's, here or on a server.</summary>
internal static class SearchCommand
{
    public static Command Build(CliConsole console)
    {
        var text = new Argument<string>("text") { Description = "Words to find (names, aliases, descriptions)." };
        var kind = new Option<string?>("--kind", "-k") { Description = $"Only this kind: {string.Join(", ", SearchRecordsHandler.Kinds)}." };
        var page = new Option<int>("--page") { Description = "The page of results (20 a page).", DefaultValueFactory = _ => 1 };
        var command = new Command("search", "Search actors, products and sources (with --server: on that server, as the token's owner).") { text, kind, page };
        command.SetAction((parse, ct) =>
        {
            var q = parse.GetValue(text)!;
            var k = parse.GetValue(kind);
            var p = Math.Max(1, parse.GetValue(page));
            return Remote.IsRequested(parse)
                ? Remote.RunAsync(parse, console, async remote =>
                {
                    var query = $"/api/v1/search?q={Uri.EscapeDataString(q)}&page={p}" + (k is null ? "" : $"&kind={Uri.EscapeDataString(k)}");
                    var found = await remote.GetAsync<SearchResponse>(query, ct);
                    await PrintAsync(console.Output, found.Items.Select(i => (i.Kind, i.Slug, i.Name, i.Country, i.Marking, i.Status)).ToList(), found.Total, found.Page, found.PageSize);
                    return VigilCommand.ExitCodes.Ok;
                })
                : CliHost.RunAsync(parse, console, async services =>
                {
                    await CliHost.MigrateAsync(services);
                    var found = await services.GetRequiredService<SearchRecordsHandler>().HandleAsync(new SearchRecordsRequest(q, k, Page: p), ct);
                    await PrintAsync(console.Output, found.Items.Select(i => (i.Kind, i.Slug, i.Name, i.Country, i.Marking.ToLabel(), i.Status.ToLabel())).ToList(), found.Total, found.Page, found.PageSize);
                    return VigilCommand.ExitCodes.Ok;
                });
        });
        return command;
    }

    private static async Task PrintAsync(
        TextWriter output, IReadOnlyList<(string Kind, string Slug, string Name, string? Country, string Marking, string Status)> items, int total, int page, int pageSize)
    {
        await Table.WriteAsync(output, ["KIND", "SLUG", "NAME", "COUNTRY", "MARKING", "STATUS"],
            items.Select(i => new[] { i.Kind, i.Slug, i.Name, i.Country ?? "", i.Marking, i.Status }));
        var first = total == 0 ? 0 : ((page - 1) * pageSize) + 1;
        await output.WriteLineAsync($"{first}–{Math.Min(total, page * pageSize)} of {total}");
    }
}
