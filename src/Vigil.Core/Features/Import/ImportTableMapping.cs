using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Import;

/// <summary>
/// A field a column of the table can feed: its key (as the CLI's <c>--map key=column</c> and a saved
/// mapping write it), the label the form shows, whether every row needs it, and the column headers that
/// suggest it (compared without case, spaces, hyphens and underscores).
/// </summary>
public sealed record TableField(string Key, string Label, bool Required, string Help, params string[] Hints);

/// <summary>What a table makes: the record kinds the import writes and the fields of each.</summary>
public static class TableTargets
{
    public const string Relationships = "relationships";
    public const string Actors = "actors";

    public static IReadOnlyList<string> All { get; } = [Relationships, Actors];

    // Evidence, the same for every kind: each row cites a source (found by address, else by title, else made as a draft).
    private static readonly TableField[] s_evidence =
    [
        new("source", "Source title", false, "the document the row rests on; found by title, or made as a draft", "source", "source title", "sourcetitle", "title", "document", "report", "evidence"),
        new("source-url", "Source address (URL)", false, "found by its address first", "source url", "sourceurl", "url", "link", "address", "source link"),
        new("source-publisher", "Source publisher", false, "for a source the import makes", "publisher", "source publisher"),
        new("source-date", "Source date", false, "for a source the import makes: YYYY, YYYY-MM or YYYY-MM-DD", "source date", "published", "publication date"),
        new("locator", "Where in the source", false, "page, section", "locator", "page", "citation locator", "where"),
        new("quote", "Quote", false, "the passage", "quote", "passage", "excerpt"),
        new("credibility", "Credibility (1–6)", false, "1 confirmed … 6 cannot be judged", "credibility"),
    ];

    private static readonly TableField[] s_relationship =
    [
        new("from", "From actor", true, "a name, alias or slug of an actor in Vigil", "from", "from actor", "vendor", "supplier", "seller", "company", "owner", "subject"),
        new("type", "Relationship type", true, "supplies, owns, subsidiary-of, successor-of, officer-of, invests-in, brokers-for, develops, operates, part-of", "type", "relationship", "relationship type", "relation", "tie"),
        new("to", "To actor (or product)", true, "a name, alias or slug; a product for develops and operates", "to", "to actor", "customer", "buyer", "agency", "client", "object", "target"),
        new("role", "Role", false, "e.g. director", "role"),
        new("share", "Share (%)", false, "owns and invests-in only", "share", "share percent", "percent", "stake"),
        new("start-date", "Start date", false, "YYYY, YYYY-MM or YYYY-MM-DD", "start", "start date", "from date", "since", "date"),
        new("end-date", "End date", false, "YYYY, YYYY-MM or YYYY-MM-DD", "end", "end date", "until", "to date"),
        new("confidence", "Confidence", false, "low, moderate or high", "confidence"),
        new("description", "Description", false, "", "description", "notes", "note", "comment"),
        new("marking", "Marking (TLP)", false, "CLEAR unless said", "marking", "tlp"),
    ];

    private static readonly TableField[] s_actor =
    [
        new("name", "Name", true, "the actor's name", "name", "actor", "actor name", "entity"),
        new("kind", "Kind", true, "state, public-body, company, person or organisation", "kind", "actor kind", "actor type", "type", "category"),
        new("country", "Country", false, "ISO 3166-1 alpha-2 code, e.g. GR", "country", "country code", "jurisdiction"),
        new("aliases", "Other names", false, "separated by ';'", "aliases", "alias", "other names", "also known as", "aka"),
        new("start-date", "Start date", false, "founded; YYYY, YYYY-MM or YYYY-MM-DD", "start", "start date", "founded", "incorporated"),
        new("end-date", "End date", false, "dissolved; YYYY, YYYY-MM or YYYY-MM-DD", "end", "end date", "dissolved"),
        new("description", "Description", false, "", "description", "notes", "note", "comment"),
        new("marking", "Marking (TLP)", false, "CLEAR unless said", "marking", "tlp"),
    ];

    /// <summary>The fields of <paramref name="target"/> (null for an unknown target), evidence last.</summary>
    public static IReadOnlyList<TableField>? Fields(string? target) => target switch
    {
        Relationships => [.. s_relationship, .. s_evidence],
        Actors => [.. s_actor, .. s_evidence],
        _ => null,
    };

    /// <summary>The column each field would take from its header, for a first guess at the mapping.</summary>
    public static Dictionary<string, string> Suggest(string target, IReadOnlyList<string> headers)
    {
        var suggested = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in Fields(target) ?? [])
        {
            foreach (var hint in field.Hints)
            {
                var match = headers.FirstOrDefault(h => !taken.Contains(h) && Squash(h) == Squash(hint));
                if (match is not null)
                {
                    suggested[field.Key] = match;
                    taken.Add(match);
                    break;
                }
            }
        }
        return suggested;
    }

    private static string Squash(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>
    /// Checks a mapping against a table's headers: the target is known, every field key is one of its
    /// fields, every column is in the file, the required fields are mapped, and some column names the
    /// source (title or address). Errors are keyed by field key.
    /// </summary>
    public static ValidationErrors Check(string target, IReadOnlyDictionary<string, string> columns, TableData? table)
    {
        var errors = new ValidationErrors();
        if (Fields(target) is not { } fields)
        {
            errors.Add("target", $"'{target}' is not something the table import makes: {string.Join(" or ", All)}.");
            return errors;
        }
        foreach (var (key, column) in columns)
        {
            if (fields.All(f => f.Key != key))
            {
                errors.Add(key, $"'{key}' is not a field of {target}: {string.Join(", ", fields.Select(f => f.Key))}.");
            }
            else if (table is not null && table.Column(column) < 0)
            {
                errors.Add(key, $"{key}: the file has no column '{column}' (its columns: {string.Join(", ", table.Headers.Select(h => $"'{h}'"))}).");
            }
        }
        foreach (var field in fields.Where(f => f.Required && !columns.ContainsKey(f.Key)))
        {
            errors.Add(field.Key, $"Choose the column that holds the {field.Label.ToLowerInvariant()} ({field.Key}).");
        }
        if (!columns.ContainsKey("source") && !columns.ContainsKey("source-url"))
        {
            errors.Add("source", "Choose the column that names each row's source (its title or its address): every record the import makes cites one.");
        }
        return errors;
    }
}

/// <summary>A saved mapping as the form and the CLI read it.</summary>
public sealed record TableMappingView(string Name, string Target, IReadOnlyDictionary<string, string> Columns, string UpdatedBy, DateTime UpdatedAt);

/// <summary>
/// Saved column mappings: list, get by name, save (a new name adds one, a known name replaces its
/// columns). Editors only; a mapping holds column names, never data.
/// </summary>
public sealed class TableMappingsHandler(VigilDb db)
{
    public async Task<IReadOnlyList<TableMappingView>> ListAsync(CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return [];
        }
        var rows = await db.TableMappings.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    public async Task<TableMappingView?> GetAsync(string name, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit || string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var trimmed = name.Trim();
        var row = await db.TableMappings.AsNoTracking().FirstOrDefaultAsync(m => m.Name == trimmed, ct);
        return row is null ? null : View(row);
    }

    /// <summary>Saves the mapping under <paramref name="name"/>; errors keyed "name" or by field key.</summary>
    public async Task<WriteResult<TableMappingView>> SaveAsync(string? name, string target, IReadOnlyDictionary<string, string> columns, CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return WriteResult<TableMappingView>.Forbidden();
        }
        var errors = TableTargets.Check(target, columns, null);
        var trimmed = errors.Required("name", name, 100);
        if (!errors.IsEmpty)
        {
            return WriteResult<TableMappingView>.Invalid(errors);
        }
        var row = await db.TableMappings.AsTracking().FirstOrDefaultAsync(m => m.Name == trimmed, ct);
        var created = row is null;
        row ??= db.TableMappings.Add(new TableMapping { Name = trimmed }).Entity;
        row.Target = target;
        row.Columns = JsonSerializer.Serialize(columns.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Value));
        row.UpdatedBy = db.Reader.Name;
        row.UpdatedAt = db.Now();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return created ? WriteResult<TableMappingView>.Created(View(row)) : WriteResult<TableMappingView>.Updated(View(row));
    }

    private static TableMappingView View(TableMapping m) =>
        new(m.Name, m.Target, JsonSerializer.Deserialize<Dictionary<string, string>>(m.Columns) ?? [], m.UpdatedBy, m.UpdatedAt);
}
