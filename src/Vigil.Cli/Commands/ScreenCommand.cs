using System.CommandLine;
using Vigil.Features.Screening;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil screen NAME [--schema S] [--country CC]</c> or <c>vigil screen --csv FILE [--column C]</c>:
/// screens names against Vigil with the same handler as /api/v1/match; a table, or with --csv a CSV on
/// standard output.
/// </summary>
internal static class ScreenCommand
{
    public static Command Build(CliConsole console)
    {
        var name = new Argument<string?>("name") { Description = "The name to screen.", Arity = ArgumentArity.ZeroOrOne };
        var csv = new Option<FileInfo?>("--csv") { Description = "A CSV of names (column 'name', else the first; optional 'schema' and 'country')." };
        var column = new Option<string?>("--column") { Description = "The CSV column that holds the names." };
        var schema = new Option<string?>("--schema") { Description = "FollowTheMoney schema: Person, Company, Organization, PublicBody." };
        var country = new Option<string?>("--country") { Description = "ISO 3166-1 alpha-2 code the entity is linked to." };
        var threshold = new Option<double?>("--threshold") { Description = "The score a match needs (0–1)." };
        var limit = new Option<int>("--limit") { Description = "Candidates per name.", DefaultValueFactory = _ => 5 };
        var dataset = new Option<string[]>("--dataset") { Description = "Screen only against these datasets: vigil (the graph), a list (us_ofac_sdn, opensanctions) or any source dataset of a listed entry (eu_fsf, gb_hmt_sanctions…); default: all." };
        var command = new Command("screen", "Screen a name, or a CSV of names, against Vigil's actors and the screening lists' entries.")
        {
            name, csv, column, schema, country, threshold, limit, dataset,
        };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            Dictionary<string, ScreeningQuery> queries;
            var file = parse.GetValue(csv);
            if (file is not null)
            {
                if (!file.Exists)
                {
                    await console.Error.WriteLineAsync($"{file.FullName}: no such file.");
                    return VigilCommand.ExitCodes.InvalidInput;
                }
                var (read, error) = ScreeningCsv.Read(await File.ReadAllTextAsync(file.FullName, ct), parse.GetValue(column));
                if (read is null)
                {
                    await console.Error.WriteLineAsync($"{file.FullName}: {error}");
                    return VigilCommand.ExitCodes.InvalidInput;
                }
                queries = read;
            }
            else if (!string.IsNullOrWhiteSpace(parse.GetValue(name)))
            {
                var properties = new Dictionary<string, IReadOnlyList<string>> { ["name"] = [parse.GetValue(name)!] };
                if (parse.GetValue(country) is { } cc)
                {
                    properties["country"] = [cc];
                }
                queries = new() { ["name"] = new ScreeningQuery(parse.GetValue(schema), properties) };
            }
            else
            {
                await console.Error.WriteLineAsync("Give a NAME to screen, or --csv FILE.");
                return VigilCommand.ExitCodes.Usage;
            }
            await CliHost.MigrateAsync(services);
            var outcome = await services.GetRequiredService<ScreenNamesHandler>()
                .HandleAsync(new ScreeningRequest(queries, parse.GetValue(threshold), parse.GetValue(limit),
                    parse.GetValue(dataset) is { Length: > 0 } sets ? sets : null), ct);
            if (outcome.Errors is not null)
            {
                foreach (var (field, messages) in outcome.Errors)
                {
                    await console.Error.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
                }
                return VigilCommand.ExitCodes.InvalidInput;
            }
            if (file is not null)
            {
                await console.Output.WriteAsync(ScreeningCsv.Write(outcome.Responses!));
                return VigilCommand.ExitCodes.Ok;
            }
            var answer = outcome.Responses!["name"];
            await Table.WriteAsync(console.Output, ["SCORE", "MATCH", "ID", "NAME", "SCHEMA", "DATASETS", "WHY"],
                answer.Results.Select(r => new[] { r.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), r.Match ? "yes" : "", r.Id, r.Caption, r.Schema, string.Join(",", r.Datasets), r.Explanation }));
            await console.Output.WriteLineAsync($"{answer.Results.Count(r => r.Match)} match(es) at threshold {outcome.Threshold:0.00} among {answer.Total} candidate(s)");
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }
}
