using System.CommandLine;
using Vigil.Features.Indicators;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil indicators find VALUE</c>: which product a domain, address, hash or process name indicates.</summary>
internal static class IndicatorsCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("indicators", "Technical indicators imported from labs' STIX 2.1 bundles (vigil import stix FILE).");
        var value = new Argument<string>("value") { Description = "A domain, URL, IP address, e-mail address, hash, process or file name." };
        var find = new Command("find", "Which product (and incident) is this domain, hash or process name an indicator of? Case-insensitive; lists every indicator that names it.") { value };
        find.SetAction((parse, ct) => CliHost.RunAsync(parse, console, async services =>
        {
            await CliHost.MigrateAsync(services);
            var result = await services.GetRequiredService<FindIndicatorsHandler>().HandleAsync(new FindIndicatorsQuery(parse.GetValue(value)), ct);
            if (result.Page is not { } page)
            {
                foreach (var (field, messages) in result.Errors!)
                {
                    await console.Error.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
                }
                return VigilCommand.ExitCodes.InvalidInput;
            }
            if (page.Items.Count == 0)
            {
                await console.Output.WriteLineAsync($"No indicator names '{parse.GetValue(value)}'.");
                return VigilCommand.ExitCodes.Ok;
            }
            foreach (var i in page.Items)
            {
                await console.Output.WriteLineAsync(
                    $"{i.Kind,-8} {i.Value}  →  {(i.Product is null ? "no product" : $"{i.Product.Name} ({i.Product.Slug})")}"
                    + (i.Incident is null ? "" : $"; incident {i.Incident.Name}") + $"  [{i.StixId}, {i.Marking}, {i.Status.ToString().ToLowerInvariant()}]");
            }
            await console.Output.WriteLineAsync($"{page.Total} indicator(s).");
            return VigilCommand.ExitCodes.Ok;
        }));
        command.Subcommands.Add(find);
        return command;
    }
}
