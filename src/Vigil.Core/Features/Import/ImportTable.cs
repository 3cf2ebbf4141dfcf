using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Actors;
using Vigil.Features.Citations;
using Vigil.Features.Common;
using Vigil.Features.Relationships;
using Vigil.Features.Review;
using Vigil.Features.Search;
using Vigil.Features.Sources;
using Vigil.Model;

namespace Vigil.Features.Import;

/// <summary>What is wrong with one cell: the row as the spreadsheet numbers it, the column's header, and why.</summary>
public sealed record TableProblem(int Row, string Column, string Message)
{
    public override string ToString() => $"row {Row}, column '{Column}': {Message}";
}

/// <summary>
/// What the import would do with one row: <c>create</c> (<see cref="Summary"/> says what), <c>exists</c>
/// (Vigil, or an earlier row, has it already: nothing is written) or <c>refused</c> (<see cref="Problems"/>
/// say where and why). <see cref="Notes"/> are worth a look but stop nothing (a similar name in Vigil).
/// </summary>
public sealed record TableRowPlan(int Row, string Outcome, string Summary, string? Source, IReadOnlyList<TableProblem> Problems, IReadOnlyList<string> Notes);

/// <summary>The dry run of a table: every row's plan, and the sources the import would make as drafts.</summary>
public sealed record TablePlan(string File, string Target, IReadOnlyList<TableRowPlan> Rows, IReadOnlyList<string> NewSources)
{
    public int ToCreate => Rows.Count(r => r.Outcome == TableOutcomes.Create);

    public int Existing => Rows.Count(r => r.Outcome == TableOutcomes.Exists);

    public int Refused => Rows.Count(r => r.Outcome == TableOutcomes.Refused);

    /// <summary>Every problem of every refused row, in row order.</summary>
    public IEnumerable<TableProblem> Problems => Rows.SelectMany(r => r.Problems);

    public override string ToString() =>
        $"{Rows.Count} rows: {ToCreate} to create, {Existing} already in Vigil, {Refused} refused; {NewSources.Count} new source(s)";
}

/// <summary>The three outcomes of a row.</summary>
public static class TableOutcomes
{
    public const string Create = "create";
    public const string Exists = "exists";
    public const string Refused = "refused";
}

/// <summary>
/// A table import: what the rows make (<see cref="TableTargets"/>), which column feeds which field (field
/// key to column header), and whether to leave out refused rows rather than refuse the file.
/// </summary>
public sealed record TableImportInput(string Target, IReadOnlyDictionary<string, string> Columns, bool SkipRefused = false);

public enum TableImportOutcome
{
    /// <summary>Planned (dry run), or imported: the records wait for review in <see cref="TableImportResult.ChangeSetId"/>.</summary>
    Done,
    /// <summary>The mapping is wrong (<see cref="TableImportResult.Errors"/>, by field key): no row was read.</summary>
    Invalid,
    /// <summary>Rows were refused and the import was not told to skip them: nothing was written.</summary>
    Refused,
    Forbidden,
}

/// <summary>The outcome of a dry run or an import.</summary>
public sealed record TableImportResult(
    TableImportOutcome Outcome, TablePlan? Plan = null, IReadOnlyDictionary<string, string[]>? Errors = null,
    long? ChangeSetId = null, int Created = 0, int SourcesCreated = 0, string? Detail = null);

/// <summary>
/// Imports a table (CSV, XLSX) of relationships or actors, the way a careful researcher would by hand:
/// <list type="bullet">
/// <item>Every name goes through the rule the forms use (<see cref="LookupHandler.ResolveAsync"/>: a slug,
/// or a name or alias one visible record has). An unknown or ambiguous name refuses its row with the row,
/// the column and the candidates; it is never guessed.</item>
/// <item>Every value is checked by the same validation as the forms and the API
/// (<see cref="RelationshipInputs"/>, <see cref="ActorInputs"/>, <see cref="SourceInputs"/>); a refusal
/// names the row and the column.</item>
/// <item>Every record cites the source its row names: found by address, else by title, else made as a
/// draft (one per distinct source of the file).</item>
/// <item>A dry run (<see cref="PlanAsync"/>) writes nothing. The import (<see cref="ImportAsync"/>) is all
/// or nothing: the records, their sources and citations are written as drafts and submitted as one change
/// set in one transaction. A file with refused rows is refused whole unless the caller chose to leave
/// those rows out. A row whose record is in Vigil already is left alone, so the same file twice changes
/// nothing.</item>
/// </list>
/// </summary>
public sealed class ImportTableHandler(
    VigilDb db, LookupHandler lookup, CreateRelationshipHandler createEdge, CreateActorHandler createActor,
    CreateSourceHandler createSource, SubmitChangeSetHandler submit)
{
    // Validation keys of the use cases, as the columns of the table name them.
    private static readonly Dictionary<string, string> s_fieldOfKey = new(StringComparer.Ordinal)
    {
        ["type"] = "type", ["from"] = "from", ["to"] = "to", ["role"] = "role", ["sharePercent"] = "share",
        ["startDate"] = "start-date", ["endDate"] = "end-date", ["confidence"] = "confidence", ["description"] = "description",
        ["marking"] = "marking", ["name"] = "name", ["kind"] = "kind", ["country"] = "country", ["aliases"] = "aliases",
        ["evidence.locator"] = "locator", ["evidence.quote"] = "quote", ["evidence.credibility"] = "credibility", ["evidence.source"] = "source",
        ["title"] = "source", ["url"] = "source-url", ["publisher"] = "source-publisher", ["publishedDate"] = "source-date",
    };

    /// <summary>Why neither a dry run nor an import may go ahead (not an editor, a mapping that does not fit the table), or null.</summary>
    private TableImportResult? Refusal(TableData table, TableImportInput input)
    {
        if (!db.Reader.CanEdit)
        {
            return new TableImportResult(TableImportOutcome.Forbidden, Detail: "Only an editor may import a table.");
        }
        var errors = TableTargets.Check(input.Target, input.Columns, table);
        return errors.IsEmpty ? null : new TableImportResult(TableImportOutcome.Invalid, Errors: errors.ToDictionary());
    }

    /// <summary>The dry run: what every row would make, what is refused and why. Writes nothing.</summary>
    public async Task<TableImportResult> PlanAsync(TableData table, TableImportInput input, CancellationToken ct = default)
    {
        if (Refusal(table, input) is { } refused)
        {
            return refused;
        }
        var planned = await PlanRowsAsync(table, input, ct);
        return new TableImportResult(TableImportOutcome.Done, planned.Plan);
    }

    /// <summary>
    /// Imports the rows the dry run would create, as drafts, and submits them with their sources and
    /// citations as one change set for review, all in one transaction.
    /// </summary>
    public async Task<TableImportResult> ImportAsync(TableData table, TableImportInput input, CancellationToken ct = default)
    {
        if (Refusal(table, input) is { } refused)
        {
            return refused;
        }
        var (plan, rows, sources) = await PlanRowsAsync(table, input, ct);
        if (plan.Refused > 0 && !input.SkipRefused)
        {
            return new TableImportResult(TableImportOutcome.Refused, plan,
                Detail: $"{plan.Refused} of {plan.Rows.Count} rows are refused; nothing was written. Correct them, or import the other rows and leave them out.");
        }
        var creates = rows.Where(r => r.Plan.Outcome == TableOutcomes.Create).ToList();
        if (creates.Count == 0)
        {
            return new TableImportResult(TableImportOutcome.Done, plan, Detail: "Nothing to import: every row is in Vigil already or refused.");
        }

        var neededSources = creates.Select(r => r.SourceKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeReason = $"imported from the table {table.Name}";
        var refs = new List<string>();
        var sourceSlugs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, source) in sources.Where(s => neededSources.Contains(s.Key)))
        {
            // The file names the source beside its claims: its title is shown no wider than the most restricted of them.
            var marking = creates.Where(r => r.SourceKey == key).Select(r => Markings.TryParse(r.Edge?.Marking ?? r.Actor?.Marking, out var m) ? m : Marking.Clear).Max();
            var made = await createSource.HandleAsync(source.Input with { Marking = marking.ToLabel() }, ct);
            if (made.Status != WriteStatus.Created)
            {
                return Failed(plan, source.Row, made.Errors, "the source could not be made");
            }
            sourceSlugs[key] = made.Value!.Slug;
            refs.Add($"source:{made.Value.Slug}");
        }
        db.ChangeReason = $"imported from the table {table.Name}";
        foreach (var row in creates)
        {
            var evidence = new ClaimEvidence(row.SourceKey is { } k ? sourceSlugs[k] : row.SourceSlug, row.Locator, row.Quote, row.Credibility);
            if (row.Edge is { } edge)
            {
                var made = await createEdge.HandleAsync(edge with { Evidence = evidence }, ct);
                if (made.Status != WriteStatus.Created)
                {
                    return Failed(plan, row.Plan.Row, made.Errors, "the relationship could not be written");
                }
                refs.Add($"relationship:{made.Value!.Slug}");
            }
            else if (row.Actor is { } actorInput)
            {
                var made = await createActor.HandleAsync(actorInput, ct);
                if (made.Status != WriteStatus.Created)
                {
                    return Failed(plan, row.Plan.Row, made.Errors, "the actor could not be written");
                }
                var actor = await db.Actors.AsTracking().FirstAsync(a => a.Slug == made.Value!.Slug, ct);
                var errors = new ValidationErrors();
                await ClaimEvidences.AddAsync(evidence, actor, db, lookup, errors, ct);
                if (!errors.IsEmpty)
                {
                    return Failed(plan, row.Plan.Row, errors.ToDictionary(), "the citation could not be written");
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                refs.Add($"actor:{actor.Slug}");
            }
        }
        var title = $"Table {table.Name}: {creates.Count} {(input.Target == TableTargets.Actors ? "actor" : "relationship")}{(creates.Count == 1 ? "" : "s")}";
        var set = await submit.HandleAsync(new ChangeSetInput(title, refs, $"imported from {table.Name}: {plan}"), ct);
        if (set.Outcome != ReviewOutcome.Done)
        {
            db.ChangeTracker.Clear();
            return new TableImportResult(TableImportOutcome.Refused, plan,
                Detail: "The records could not be submitted for review; nothing was written: "
                    + (set.Detail ?? string.Join(" ", set.Errors?.SelectMany(e => e.Value) ?? [])));
        }
        await tx.CommitAsync(ct);
        return new TableImportResult(TableImportOutcome.Done, plan, ChangeSetId: set.Set!.Id, Created: creates.Count, SourcesCreated: sourceSlugs.Count);
    }

    private TableImportResult Failed(TablePlan plan, int row, IReadOnlyDictionary<string, string[]>? errors, string what)
    {
        db.ChangeTracker.Clear();
        var reasons = errors is null ? "" : ": " + string.Join(" ", errors.SelectMany(e => e.Value));
        return new TableImportResult(TableImportOutcome.Refused, plan, Detail: $"row {row}: {what}{reasons}; nothing was written.");
    }

    /// <summary>A row as the import will write it, beside its plan.</summary>
    private sealed record PlannedRow(
        TableRowPlan Plan, RelationshipInput? Edge, ActorInput? Actor, string? SourceSlug, string? SourceKey,
        string? Locator, string? Quote, int? Credibility);

    /// <summary>A source the file names that Vigil does not have: made as a draft, once, for the first row naming it.</summary>
    private sealed record NewSource(int Row, SourceInput Input);

    private async Task<(TablePlan Plan, List<PlannedRow> Rows, Dictionary<string, NewSource> Sources)> PlanRowsAsync(
        TableData table, TableImportInput input, CancellationToken ct)
    {
        var columns = input.Columns.ToDictionary(c => c.Key, c => table.Column(c.Value), StringComparer.Ordinal);
        var headers = input.Columns.ToDictionary(c => c.Key, c => table.Headers[table.Column(c.Value)], StringComparer.Ordinal);
        var rows = new List<PlannedRow>();
        var sources = new Dictionary<string, NewSource>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            string Cell(string key) => columns.TryGetValue(key, out var i) ? row.Cell(i) : "";
            string? Opt(string key) => Cell(key) is { Length: > 0 } v ? v : null;
            var problems = new List<TableProblem>();
            var notes = new List<string>();
            void Problem(string key, string message) =>
                problems.Add(new TableProblem(row.Number, headers.TryGetValue(key, out var h) ? h : key, message));
            void Problems(ValidationErrors errors)
            {
                foreach (var (key, messages) in errors.ToDictionary())
                {
                    var bare = key.StartsWith("aliases", StringComparison.Ordinal) ? "aliases" : key;
                    var field = s_fieldOfKey.GetValueOrDefault(bare, bare);
                    foreach (var m in messages)
                    {
                        Problem(field, m);
                    }
                }
            }

            var source = await SourceOfAsync(Opt("source"), Opt("source-url"), Opt("source-publisher"), Opt("source-date"), row.Number, sources, Problem, ct);
            var locator = Opt("locator");
            var quote = Opt("quote");
            int? credibility = null;
            if (Opt("credibility") is { } cred)
            {
                if (int.TryParse(cred, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) && c is >= 1 and <= 6)
                {
                    credibility = c;
                }
                else
                {
                    Problem("credibility", $"'{cred}' is not a credibility: 1 (confirmed) to 6 (cannot be judged).");
                }
            }
            var evidenceErrors = new ValidationErrors();
            evidenceErrors.Optional("evidence.locator", locator, 500);
            evidenceErrors.Optional("evidence.quote", quote, 5000);
            Problems(evidenceErrors);

            var outcome = TableOutcomes.Create;
            string summary;
            RelationshipInput? edgeInput = null;
            ActorInput? actorInput = null;
            if (input.Target == TableTargets.Relationships)
            {
                decimal? share = null;
                if (Opt("share") is { } s)
                {
                    if (decimal.TryParse(s.TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
                    {
                        share = d;
                    }
                    else
                    {
                        Problem("share", $"'{s}' is not a percentage.");
                    }
                }
                edgeInput = new RelationshipInput(
                    Type: Opt("type"), From: Opt("from"), To: Opt("to"), Role: Opt("role"), SharePercent: share,
                    StartDate: Opt("start-date"), EndDate: Opt("end-date"), Confidence: Opt("confidence"),
                    Description: Opt("description"), Marking: Opt("marking"));
                var edge = new Relationship();
                var errors = new ValidationErrors();
                await RelationshipInputs.ApplyAsync(edgeInput, edge, db, lookup, errors, ct);
                Problems(errors);
                var to = edge.ToActor?.Name ?? edge.ToProduct?.Name ?? Cell("to");
                summary = $"{edge.FromActor?.Name ?? Cell("from")} {(errors.ToDictionary().ContainsKey("type") ? Cell("type") : edge.Type.ToLabel())} {to}"
                    + (edge.StartDate is null ? "" : $" (from {edge.StartDate})");
                if (problems.Count == 0 && edge.FromActor is not null && (edge.ToActor ?? (object?)edge.ToProduct) is not null)
                {
                    var (fromId, toActor, toProduct, type) = (edge.FromActor.Id, edge.ToActor?.Id, edge.ToProduct?.Id, edge.Type);
                    var key = $"{fromId}|{type}|{toActor}|{toProduct}";
                    if (seen.TryGetValue(key, out var earlier))
                    {
                        outcome = TableOutcomes.Exists;
                        notes.Add($"the same relationship as row {earlier}");
                    }
                    else if (await db.Relationships.AsNoTracking().Where(r => r.FromActorId == fromId && r.Type == type
                                 && r.ToActorId == toActor && r.ToProductId == toProduct && r.Status != ReviewStatus.Retracted)
                                 .Select(r => r.Slug).FirstOrDefaultAsync(ct) is { } existing)
                    {
                        outcome = TableOutcomes.Exists;
                        notes.Add($"in Vigil already: /relationships/{existing}");
                    }
                    seen.TryAdd(key, row.Number);
                }
                db.ChangeTracker.Clear();
            }
            else
            {
                var aliases = Opt("aliases")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(a => new AliasInput(a)).ToList();
                actorInput = new ActorInput(
                    Name: Opt("name"), Kind: Opt("kind"), Country: Opt("country"), StartDate: Opt("start-date"), EndDate: Opt("end-date"),
                    Description: Opt("description"), Aliases: aliases, Marking: Opt("marking"));
                var errors = new ValidationErrors();
                var actor = new Actor();
                ActorInputs.Apply(actorInput, actor, db.Reader, errors);
                Problems(errors);
                summary = $"{Cell("name")} ({Cell("kind")}{(actor.Country is null ? "" : ", " + actor.Country)})";
                if (Opt("name") is { } name)
                {
                    var found = await lookup.ResolveAsync("actor", name, ct);
                    var key = LookupHandler.Normalise(name);
                    if (seen.TryGetValue(key, out var earlier))
                    {
                        outcome = TableOutcomes.Exists;
                        notes.Add($"the same actor as row {earlier}");
                    }
                    else if (found.Match is not null)
                    {
                        outcome = TableOutcomes.Exists;
                        notes.Add($"in Vigil already: {found.Match.Describe()} (/actors/{found.Match.Slug})");
                    }
                    else if (found.Ambiguous)
                    {
                        Problem("name", $"'{name}' names several actors in Vigil: {string.Join("; ", found.Candidates.Select(c => c.Describe()))}. Give the slug of the one meant, or leave the row out.");
                    }
                    else if (found.Candidates.Count > 0)
                    {
                        notes.Add($"similar names in Vigil: {string.Join("; ", found.Candidates.Take(3).Select(c => c.Describe()))}");
                    }
                    seen.TryAdd(key, row.Number);
                }
            }

            if (problems.Count > 0)
            {
                outcome = TableOutcomes.Refused;
            }
            var sourceLabel = source.Label;
            rows.Add(new PlannedRow(
                new TableRowPlan(row.Number, outcome, summary, sourceLabel, problems, notes),
                edgeInput, actorInput, source.Slug, source.Key, locator, quote, credibility));
        }
        var used = rows.Where(r => r.Plan.Outcome == TableOutcomes.Create).Select(r => r.SourceKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var newSources = sources.Where(s => used.Contains(s.Key)).Select(s => s.Value.Input.Title!).ToList();
        return (new TablePlan(table.Name, input.Target, rows.Select(r => r.Plan).ToList(), newSources), rows, sources);
    }

    /// <summary>
    /// The source a row names: one in Vigil with that address, else the one that title names (the forms'
    /// rule), else a new draft source (keyed by address and title, so rows naming it share it). Label is
    /// what the preview shows.
    /// </summary>
    private async Task<(string? Slug, string? Key, string? Label)> SourceOfAsync(
        string? title, string? url, string? publisher, string? date, int row, Dictionary<string, NewSource> sources,
        Action<string, string> problem, CancellationToken ct)
    {
        if (title is null && url is null)
        {
            problem("source", "No source: every row cites the document it rests on (its title or its address).");
            return (null, null, null);
        }
        if (url is not null)
        {
            var byUrl = await db.Sources.AsNoTracking().Where(s => s.Url == url && s.Status != ReviewStatus.Retracted)
                .Select(s => new { s.Slug, s.Title }).ToListAsync(ct);
            if (byUrl.Count == 1 || (byUrl.Count > 1 && title is not null && byUrl.Count(s => LookupHandler.Normalise(s.Title) == LookupHandler.Normalise(title)) == 1))
            {
                var one = byUrl.Count == 1 ? byUrl[0] : byUrl.Single(s => LookupHandler.Normalise(s.Title) == LookupHandler.Normalise(title!));
                return (one.Slug, null, one.Title);
            }
            if (byUrl.Count > 1)
            {
                problem("source-url", $"{byUrl.Count} sources in Vigil have the address {url}: {string.Join("; ", byUrl.Select(s => s.Title))}. Give the title of the one meant.");
                return (null, null, null);
            }
        }
        if (title is not null)
        {
            var found = await lookup.ResolveAsync("source", title, ct);
            if (found.Match is not null)
            {
                return (found.Match.Slug, null, found.Match.Name);
            }
            if (found.Ambiguous)
            {
                problem("source", $"'{title}' names several sources: {string.Join("; ", found.Candidates.Select(c => c.Describe()))}. Give the address or the slug of the one meant.");
                return (null, null, null);
            }
        }
        else
        {
            problem("source-url", $"No source in Vigil has the address {url}. Give its title (a 'source' column) so that the import can make it.");
            return (null, null, null);
        }
        var key = (url ?? "") + "\n" + LookupHandler.Normalise(title);
        if (!sources.ContainsKey(key))
        {
            var input = new SourceInput(Title: title, Url: url, Publisher: publisher, PublishedDate: date);
            var errors = new ValidationErrors();
            SourceInputs.Apply(input, new Source(), db, errors);
            if (!errors.IsEmpty)
            {
                foreach (var (field, messages) in errors.ToDictionary())
                {
                    foreach (var m in messages)
                    {
                        problem(s_fieldOfKey.GetValueOrDefault(field, "source"), m);
                    }
                }
                return (null, null, null);
            }
            sources[key] = new NewSource(row, input);
        }
        return (null, key, $"{title} (new source, draft)");
    }
}
