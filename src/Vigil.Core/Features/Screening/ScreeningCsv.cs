using System.Text;

namespace Vigil.Features.Screening;

/// <summary>
/// A CSV of names to screen, and the CSV of results: the page and <c>vigil screen --csv</c> read and
/// write the same shapes. The names come from the column named "name" (or the one given), else the
/// first; optional columns "schema" and "country" refine each query.
/// </summary>
public static class ScreeningCsv
{
    public const int MaxRows = ScreenNamesHandler.MaxQueries;

    /// <summary>The queries of a CSV, keyed by row number ("row-2" is the first data row), or the reason it cannot be read.</summary>
    public static (Dictionary<string, ScreeningQuery>? Queries, string? Error) Read(string csv, string? nameColumn = null)
    {
        var rows = Parse(csv);
        if (rows.Count < 2)
        {
            return (null, "The CSV needs a header row and at least one row of names.");
        }
        var header = rows[0].Select(h => h.Trim()).ToList();
        var nameAt = nameColumn is null
            ? Math.Max(0, header.FindIndex(h => h.Equals("name", StringComparison.OrdinalIgnoreCase)))
            : header.FindIndex(h => h.Equals(nameColumn, StringComparison.OrdinalIgnoreCase));
        if (nameAt < 0)
        {
            return (null, $"The CSV has no column '{nameColumn}'; its columns are {string.Join(", ", header)}.");
        }
        var schemaAt = header.FindIndex(h => h.Equals("schema", StringComparison.OrdinalIgnoreCase));
        var countryAt = header.FindIndex(h => h.Equals("country", StringComparison.OrdinalIgnoreCase));
        if (rows.Count - 1 > MaxRows)
        {
            return (null, $"At most {MaxRows} names a file; this one has {rows.Count - 1}.");
        }
        var queries = new Dictionary<string, ScreeningQuery>();
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            var name = nameAt < row.Count ? row[nameAt].Trim() : "";
            if (name.Length == 0)
            {
                continue;
            }
            var properties = new Dictionary<string, IReadOnlyList<string>> { ["name"] = [name] };
            if (countryAt >= 0 && countryAt < row.Count && row[countryAt].Trim().Length > 0)
            {
                properties["country"] = [row[countryAt].Trim()];
            }
            var schema = schemaAt >= 0 && schemaAt < row.Count && row[schemaAt].Trim().Length > 0 ? row[schemaAt].Trim() : null;
            queries[$"row-{i + 1}"] = new ScreeningQuery(schema, properties);
        }
        return queries.Count == 0 ? (null, "The CSV has no names in its name column.") : (queries, null);
    }

    /// <summary>One line per query and candidate (a query without candidates gets one line with none).</summary>
    public static string Write(IReadOnlyDictionary<string, ScreeningAnswer> answers)
    {
        var sb = new StringBuilder("query,name,candidate_id,candidate,schema,score,match,datasets,explanation\n");
        foreach (var (key, answer) in answers)
        {
            var name = answer.Query.Properties.TryGetValue("name", out var n) ? n.FirstOrDefault() ?? "" : "";
            if (answer.Results.Count == 0)
            {
                Line(sb, key, name, "", "", "", "", "false", "", "no candidate");
            }
            foreach (var r in answer.Results)
            {
                Line(sb, key, name, r.Id, r.Caption, r.Schema, r.Score.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
                    r.Match ? "true" : "false", string.Join(";", r.Datasets), r.Explanation);
            }
        }
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, params string[] fields)
    {
        sb.AppendJoin(',', fields.Select(Quote)).Append('\n');
    }

    // A cell that a spreadsheet would run as a formula is prefixed with a quote mark.
    private static string Quote(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@')
        {
            field = "'" + field;
        }
        return field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    private static List<List<string>> Parse(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var ch = csv[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    row.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add(row);
                    row = [];
                    break;
                default:
                    cell.Append(ch);
                    break;
            }
        }
        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }
        return rows.Where(r => r.Any(c => c.Length > 0)).ToList();
    }
}
