using System.CommandLine;
using System.Diagnostics;
using Vigil.Features.Import;
using Vigil.Features.Sanctions;
using Vigil.Formats.VigilData;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil import PATH</c>: a folder in Vigil's data layout, or a MISP galaxy cluster file.</summary>
internal static class ImportCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("path") { Description = "A folder in Vigil's data layout (data/README.md) or a MISP galaxy cluster .json file." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check a data folder with the importer's rules (against what the database holds) and write nothing; exits 1 on any error." };
        var command = new Command("import", "Import records. All or nothing: any error is reported with its file, record and field, and nothing is written. Importing the same data twice changes nothing.") { path, dryRun };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, error, async services =>
        {
            var target = parse.GetValue(path)!;
            await CliHost.MigrateAsync(services);
            var clock = Stopwatch.StartNew();
            try
            {
                ImportSummary summary;
                var check = parse.GetValue(dryRun);
                if (check && !(Directory.Exists(target) && DataFolder.IsDataFolder(target)))
                {
                    await error.WriteLineAsync($"{target}: --dry-run checks a Vigil data folder only");
                    return VigilCommand.ExitCodes.InvalidInput;
                }
                if (check)
                {
                    summary = await Progress.ShowAsync(output, $"Checking {target}…", () => services.GetRequiredService<ImportVigilDataHandler>().HandleAsync(target, dryRun: true, ct));
                    await output.WriteLineAsync($"Checked {target}: no errors; an import would make {summary} (nothing written) in {clock.Elapsed.TotalSeconds:F1} s");
                    return VigilCommand.ExitCodes.Ok;
                }
                if (Directory.Exists(target) && DataFolder.IsDataFolder(target))
                {
                    summary = await Progress.ShowAsync(output, $"Importing {target}…", () => services.GetRequiredService<ImportVigilDataHandler>().HandleAsync(target, ct));
                }
                else if (File.Exists(target) && OtherFormat(target) is { } verb)
                {
                    await error.WriteLineAsync($"{target}: {verb}");
                    return VigilCommand.ExitCodes.InvalidInput;
                }
                else if (File.Exists(target) && target.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    summary = await Progress.ShowAsync(output, $"Importing the MISP galaxy {target}…", () => services.GetRequiredService<ImportMispGalaxyHandler>().HandleAsync(target, ct));
                }
                else
                {
                    await error.WriteLineAsync($"{target}: not a Vigil data folder (sources/, actors/, products/, relationships/) nor a MISP galaxy .json file");
                    return VigilCommand.ExitCodes.InvalidInput;
                }
                await output.WriteLineAsync($"Imported {target}: {summary} in {clock.Elapsed.TotalSeconds:F1} s");
                return VigilCommand.ExitCodes.Ok;
            }
            catch (ImportRejectedException e)
            {
                return await CliHost.RejectedAsync(error, target, e);
            }
        }));
        command.Subcommands.Add(BuildSdn(output, error));
        command.Subcommands.Add(BuildFtm(output, error));
        command.Subcommands.Add(BuildStix(output, error));
        command.Subcommands.Add(BuildTable(output, error));
        return command;
    }

    /// <summary>
    /// <c>vigil import table FILE (--mapping NAME | --map FIELD=COLUMN …) [--target relationships|actors]
    /// [--dry-run] [--skip-refused] [--save-mapping NAME]</c>: a CSV or XLSX table, as drafts in one change set.
    /// </summary>
    private static Command BuildTable(TextWriter output, TextWriter error)
    {
        var file = new Argument<string?>("file") { Description = "A CSV (UTF-8; comma, semicolon or tab) or XLSX file whose first row names the columns.", Arity = ArgumentArity.ZeroOrOne };
        var mapping = new Option<string?>("--mapping") { Description = "A saved mapping, by name (saved from the web's table import or with --save-mapping)." };
        var map = new Option<string[]>("--map") { Description = "FIELD=COLUMN, once per field, e.g. --map from=Vendor --map to=Agency; over a saved mapping, it replaces that field. Fields: vigil import table --fields.", AllowMultipleArgumentsPerToken = true };
        var target = new Option<string?>("--target") { Description = "What the rows make: relationships (the default) or actors; a saved mapping says it itself." };
        target.AcceptOnlyFromAmong([.. TableTargets.All]);
        var dryRun = new Option<bool>("--dry-run") { Description = "List what every row would make and every refused row with its column and reason; write nothing. Exits 1 when a row is refused." };
        var skip = new Option<bool>("--skip-refused") { Description = "Import the other rows and leave the refused ones out (without it, a file with a refused row is refused whole)." };
        var save = new Option<string?>("--save-mapping") { Description = "Save the mapping used under this name, for the next file." };
        var fields = new Option<bool>("--fields") { Description = "List the fields of each target and exit." };
        var command = new Command("table", "Import a table (CSV or XLSX) of relationships or actors as drafts, submitted for review as one change set with the sources the rows name (a source not in Vigil is made as a draft) and a citation each. Names are resolved as the forms resolve them: an unknown or ambiguous name is refused with its row and column, never guessed. All or nothing; a row already in Vigil is left alone, so the same file twice changes nothing.") { file, mapping, map, target, dryRun, skip, save, fields };
        command.Validators.Add(r =>
        {
            if (r.GetValue(fields))
            {
                return;
            }
            if (r.GetValue(file) is null)
            {
                r.AddError("Give the file to import.");
            }
            else if (r.GetValue(mapping) is null && (r.GetValue(map) ?? []).Length == 0)
            {
                r.AddError("Give a saved mapping (--mapping NAME) or the columns (--map FIELD=COLUMN …).");
            }
        });
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, error, async services =>
        {
            if (parse.GetValue(fields))
            {
                foreach (var t in TableTargets.All)
                {
                    await output.WriteLineAsync($"{t}:");
                    foreach (var f in TableTargets.Fields(t)!)
                    {
                        await output.WriteLineAsync($"  {f.Key,-17}{(f.Required ? "required  " : "          ")}{f.Label}{(f.Help.Length > 0 ? $": {f.Help}" : "")}");
                    }
                }
                return VigilCommand.ExitCodes.Ok;
            }
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"{path}: no such file");
                return VigilCommand.ExitCodes.InvalidInput;
            }
            await CliHost.MigrateAsync(services);
            TableData table;
            try
            {
                table = TableFiles.Read(await File.ReadAllBytesAsync(path, ct), Path.GetFileName(path));
            }
            catch (TableFileException e)
            {
                await error.WriteLineAsync(e.Message);
                return VigilCommand.ExitCodes.InvalidInput;
            }
            var columns = new Dictionary<string, string>(StringComparer.Ordinal);
            var kind = parse.GetValue(target);
            if (parse.GetValue(mapping) is { } name)
            {
                if (await services.GetRequiredService<TableMappingsHandler>().GetAsync(name, ct) is not { } saved)
                {
                    await error.WriteLineAsync($"--mapping: no saved mapping is named '{name}'");
                    return VigilCommand.ExitCodes.InvalidInput;
                }
                foreach (var (key, column) in saved.Columns)
                {
                    columns[key] = column;
                }
                kind ??= saved.Target;
            }
            foreach (var pair in parse.GetValue(map) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    await error.WriteLineAsync($"--map: '{pair}' is not FIELD=COLUMN (e.g. from=Vendor)");
                    return VigilCommand.ExitCodes.Usage;
                }
                if (pair[(eq + 1)..].Trim() is { Length: > 0 } column)
                {
                    columns[pair[..eq].Trim()] = column;
                }
                else
                {
                    columns.Remove(pair[..eq].Trim());
                }
            }
            var input = new TableImportInput(kind ?? TableTargets.Relationships, columns, parse.GetValue(skip));
            var handler = services.GetRequiredService<ImportTableHandler>();
            var result = parse.GetValue(dryRun) ? await handler.PlanAsync(table, input, ct) : await handler.ImportAsync(table, input, ct);
            if (result.Outcome == TableImportOutcome.Invalid)
            {
                await error.WriteLineAsync($"{path}: the mapping does not fit the file; nothing was read:");
                foreach (var message in result.Errors!.SelectMany(e => e.Value))
                {
                    await error.WriteLineAsync($"  {message}");
                }
                return VigilCommand.ExitCodes.InvalidInput;
            }
            if (result.Outcome == TableImportOutcome.Forbidden)
            {
                await error.WriteLineAsync(result.Detail);
                return VigilCommand.ExitCodes.InvalidInput;
            }
            var plan = result.Plan!;
            foreach (var row in plan.Rows)
            {
                await output.WriteLineAsync($"row {row.Row,-5} {row.Outcome,-8} {row.Summary}{(row.Source is null ? "" : $"  [source: {row.Source}]")}{string.Concat(row.Notes.Select(n => $"  ({n})"))}");
            }
            foreach (var problem in plan.Problems)
            {
                await error.WriteLineAsync($"{path}: {problem}");
            }
            if (parse.GetValue(save) is { } saveAs)
            {
                var saved = await services.GetRequiredService<TableMappingsHandler>().SaveAsync(saveAs, input.Target, columns, ct);
                await output.WriteLineAsync(saved.Errors is null ? $"Mapping saved as '{saveAs}'." : $"The mapping was not saved: {string.Join(" ", saved.Errors.SelectMany(e => e.Value))}");
            }
            if (parse.GetValue(dryRun))
            {
                await output.WriteLineAsync($"Checked {path}: {plan}{(plan.NewSources.Count == 0 ? "" : $" ({string.Join("; ", plan.NewSources)})")}; nothing written.");
                return plan.Refused > 0 ? VigilCommand.ExitCodes.InvalidInput : VigilCommand.ExitCodes.Ok;
            }
            if (result.Outcome == TableImportOutcome.Refused)
            {
                await error.WriteLineAsync($"{path}: {result.Detail}{(plan.Refused > 0 ? " (--skip-refused leaves them out)" : "")}");
                return VigilCommand.ExitCodes.InvalidInput;
            }
            await output.WriteLineAsync(result.ChangeSetId is { } set
                ? $"Imported {path}: {result.Created} record(s) and {result.SourcesCreated} new source(s) as drafts, submitted for review as change set {set} (/review#set-{set}); {plan.Existing} already in Vigil, {plan.Refused} refused and left out."
                : $"Imported {path}: nothing new ({plan}).");
            return VigilCommand.ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Which verb reads <paramref name="file"/>, when it is a format with a verb of its own (a STIX bundle, FtM
    /// entities, an SDN or other CSV table): a user who gives it to plain <c>vigil import</c> is told the command
    /// instead of a guess. Sniffed from the first few kilobytes; null when it looks like none of them.
    /// </summary>
    internal static string? OtherFormat(string file)
    {
        var head = new char[4096];
        int read;
        using (var reader = new StreamReader(file))
        {
            read = reader.ReadBlock(head, 0, head.Length);
        }
        var text = new string(head, 0, read).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        var name = Path.GetFileName(file);
        if (text.StartsWith('<') && text.Contains("stix", StringComparison.OrdinalIgnoreCase))
        {
            return "a STIX 1.x XML file: Vigil reads STIX 2.1 bundles (vigil import stix FILE); convert it first, e.g. with the OASIS stix2-elevator";
        }
        if (text.StartsWith('{') && System.Text.RegularExpressions.Regex.IsMatch(text, "\"type\"\\s*:\\s*\"bundle\""))
        {
            return $"a STIX 2.1 bundle: import its indicators with vigil import stix {name}";
        }
        if (text.StartsWith('{') && System.Text.RegularExpressions.Regex.IsMatch(text, "^\\{[^\\n]*\"schema\"\\s*:"))
        {
            return $"FollowTheMoney entities (one JSON object a line): vigil import ftm {name}";
        }
        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
        {
            return name.StartsWith("sdn", StringComparison.OrdinalIgnoreCase) || name.Contains("ofac", StringComparison.OrdinalIgnoreCase)
                ? $"an OFAC SDN list: vigil import sdn {name}"
                : $"a table: vigil import table {name} --map FIELD=COLUMN … (vigil import table --fields lists the fields), or vigil import sdn {name} for OFAC's sdn.csv";
        }
        return null;
    }

    /// <summary><c>vigil import sdn FILE [--date YYYY-MM-DD]</c>: a snapshot of the OFAC SDN list (legacy sdn.csv).</summary>
    private static Command BuildSdn(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "OFAC's legacy sdn.csv (alt.csv and add.csv beside it are read too)." };
        var date = new Option<string?>("--date") { Description = "The date of the snapshot (YYYY-MM-DD); by default the date in the file name." };
        var allowMass = new Option<bool>("--allow-mass-delisting") { Description = "Apply a snapshot that holds no entry or lifts more than 5 % of the listings in force (refused otherwise, as a likely broken download)." };
        var command = new Command("sdn", "Import a snapshot of the OFAC SDN list: listed actors and one OFAC sanction per programme. A newer snapshot applies the delta (delistings become lifted measures); the same file twice changes nothing; a bad row is reported with its line and nothing is written. An empty or cut-short file, or one that would lift more than 5 % of the listings, is refused.") { file, date, allowMass };
        command.SetAction((parse, ct) => RunListImportAsync(parse, file, output, error, async (services, target) =>
        {
            var clock = Stopwatch.StartNew();
            var summary = await Progress.ShowAsync(output, $"Importing the SDN list {target}…",
                () => services.GetRequiredService<ImportSdnHandler>().HandleAsync(target, parse.GetValue(date), parse.GetValue(allowMass), ct));
            var seconds = clock.Elapsed.TotalSeconds;
            return $"{summary} in {seconds:F1} s ({summary.Entries / Math.Max(seconds, 0.001):F0} entries/s)";
        }));
        return command;
    }

    /// <summary><c>vigil import ftm FILE</c>: FollowTheMoney Sanction entities (one JSON object a line).</summary>
    private static Command BuildFtm(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "FollowTheMoney entities, one JSON object a line (an OpenSanctions export)." };
        var allowMass = new Option<bool>("--allow-mass-delisting") { Description = "Apply a file that would delist more than 5 % of the FtM list entries listed (refused otherwise, as a likely cut-short file)." };
        var command = new Command("ftm", "Import a FollowTheMoney file (an OpenSanctions export): every entity a Sanction targets is a screening list entry of the list opensanctions (names, identifiers, programmes, countries, listing date), applied as a delta (what the file no longer sanctions is delisted; the same file twice changes nothing). Only an entity linked to an actor (its FtM id or an OFAC number it carries, or a reviewed match) or listed under a tracked programme (Vigil:Screening:GraphPrograms) becomes an actor, with its sanctions as measures (authority, programme, dates); Ownership and Directorship entities between such actors become relationships, others are counted and skipped. A file exported by Vigil (vigil export --format ftm: every id starts with vigil-) comes back as the actors, relationships and sanctions it holds. A sanction or edge whose entity is not in the file nor in Vigil is reported and skipped; a malformed line is reported with its number and nothing is written.") { file, allowMass };
        command.SetAction((parse, ct) => RunListImportAsync(parse, file, output, error, async (services, target) =>
        {
            var clock = Stopwatch.StartNew();
            var summary = await services.GetRequiredService<ImportFtmHandler>().HandleAsync(target, parse.GetValue(allowMass), ct);
            return $"{summary} in {clock.Elapsed.TotalSeconds:F1} s";
        }));
        return command;
    }

    /// <summary><c>vigil import stix FILE</c>: the indicators of a STIX 2.1 bundle, submitted for review as one change set.</summary>
    private static Command BuildStix(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "A STIX 2.1 bundle (.json, .stix2), e.g. a lab's indicators of compromise." };
        var command = new Command("stix", "Import the indicators of a STIX 2.1 bundle, submitted for review as one change set, citing one source for the bundle, linked to the products their malware names (and incidents their reports name). An invalid bundle is refused whole with each object's id and reason; a STIX 1.x XML file is refused as such; the same bundle twice changes nothing.") { file };
        command.SetAction((parse, ct) => RunListImportAsync(parse, file, output, error, async (services, target) =>
        {
            var clock = Stopwatch.StartNew();
            var summary = await Progress.ShowAsync(output, $"Importing the STIX bundle {target}…", () => services.GetRequiredService<ImportStixHandler>().HandleAsync(target, ct));
            return $"{summary} in {clock.Elapsed.TotalSeconds:F1} s";
        }));
        return command;
    }

    /// <summary>
    /// The frame of a list import (SDN, FtM): the file must exist, the database is migrated, a refused
    /// import prints every error and exits 1 having written nothing; <paramref name="import"/> returns the summary line.
    /// </summary>
    private static Task<int> RunListImportAsync(
        ParseResult parse, Argument<string> file, TextWriter output, TextWriter error, Func<IServiceProvider, string, Task<string>> import) =>
        CliHost.RunAsync(parse, error, async services =>
        {
            var target = parse.GetValue(file)!;
            if (!File.Exists(target))
            {
                await error.WriteLineAsync($"{target}: no such file");
                return VigilCommand.ExitCodes.InvalidInput;
            }
            await CliHost.MigrateAsync(services);
            try
            {
                await output.WriteLineAsync($"Imported {target}: {await import(services, target)}");
                return VigilCommand.ExitCodes.Ok;
            }
            catch (ImportRejectedException e)
            {
                return await CliHost.RejectedAsync(error, target, e);
            }
        });
}
