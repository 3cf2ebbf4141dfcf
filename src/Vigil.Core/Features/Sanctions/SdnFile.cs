using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Vigil.Features.Import;

namespace Vigil.Features.Sanctions;

/// <summary>One entry of the OFAC SDN list, as the legacy CSV and its remarks give it.</summary>
/// <param name="Line">The line of the entry in the file (1-based).</param>
/// <param name="EntNum">OFAC's entry number, the entry's identity across snapshots.</param>
/// <param name="Name">As listed: "DILIAN, Tal Jonathan", "INTELLEXA S.A.".</param>
/// <param name="Type">"individual", "vessel", "aircraft" or null (an entity).</param>
/// <param name="Programmes">CYBER2, SDGT, RUSSIA-EO14024…</param>
/// <param name="Title">A person's title or position, where given.</param>
/// <param name="Remarks">The remarks field as listed.</param>
/// <param name="Aliases">From the remarks (a.k.a., f.k.a., n.k.a.) and alt.csv.</param>
/// <param name="Country">ISO 3166-1 code: nationality for a person, else the country most named in the remarks or addresses.</param>
/// <param name="Date">Date of birth or of establishment (YYYY, YYYY-MM or YYYY-MM-DD), where the remarks give one.</param>
public sealed record SdnEntry(
    int Line, string EntNum, string Name, string? Type, IReadOnlyList<string> Programmes, string? Title, string? Remarks,
    IReadOnlyList<string> Aliases, string? Country, string? Date)
{
    public bool IsPerson => Type == "individual";

    /// <summary>The name as people write it: "DILIAN, Tal Jonathan" → "Tal Jonathan DILIAN".</summary>
    public string DisplayName => IsPerson && Name.Split(", ", 2) is [var last, var first] ? $"{first} {last}" : Name;
}

/// <summary>
/// Reads the OFAC SDN list in its legacy CSV form (sdn.csv): no header, CRLF line ends, "-0-" (often
/// followed by a space) for an empty field, a trailing 0x1A byte, programmes joined as "A] [B", aliases
/// in the remarks as <c>a.k.a. 'NAME'</c>. The optional companions next to it — alt.csv (ent_num,
/// alt_num, type, name, remarks) and add.csv (ent_num, add_num, address, city, country, remarks) — add
/// aliases and countries. A malformed row is reported with its file and line; the file is read whole
/// before anything is written.
/// </summary>
public static partial class SdnFile
{
    private const int Columns = 12;

    /// <summary>Parses the file and its companions; throws <see cref="ImportRejectedException"/> listing every bad row.</summary>
    public static List<SdnEntry> Read(string path)
    {
        var name = Path.GetFileName(path);
        var errors = new List<ImportError>();
        var rows = Rows(File.ReadAllBytes(path), name, errors);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var alts = Companion(dir, "alt.csv", 5, errors);
        var adds = Companion(dir, "add.csv", 6, errors);
        var entries = new List<SdnEntry>(rows.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, f) in rows)
        {
            if (f.Count != Columns)
            {
                errors.Add(new ImportError(name, f.Count > 0 ? f[0] : null, null, $"expected {Columns} fields, found {f.Count}", line));
                continue;
            }
            var ent = Value(f[0]);
            if (ent is null || !int.TryParse(ent, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                errors.Add(new ImportError(name, ent, "ent_num", "must be a whole number", line));
                continue;
            }
            if (!seen.Add(ent))
            {
                errors.Add(new ImportError(name, ent, "ent_num", $"entry {ent} appears twice", line));
                continue;
            }
            var sdnName = Value(f[1]);
            if (Common.InputGuard.NameProblem(sdnName) is { } nameProblem)
            {
                errors.Add(new ImportError(name, ent, "name", nameProblem, line));
                continue;
            }
            if (f.Select((x, i) => (Problem: Common.InputGuard.TextProblem(x, Common.InputGuard.MaxLongText), Column: i + 1)).FirstOrDefault(x => x.Problem is not null) is { Problem: { } fieldProblem } bad)
            {
                errors.Add(new ImportError(name, ent, $"field {bad.Column}", fieldProblem, line));
                continue;
            }
            var programmes = (Value(f[3]) ?? "").Split("] [", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.Trim('[', ']', ' ')).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (programmes.Count == 0)
            {
                errors.Add(new ImportError(name, ent, "program", "an SDN entry is listed under at least one programme", line));
                continue;
            }
            var remarks = Value(f[11]);
            var type = Value(f[2])?.ToLowerInvariant();
            var aliases = Aliases(remarks).Concat(alts.GetValueOrDefault(ent)?.Select(a => a[3]) ?? [])
                .Where(a => !string.IsNullOrWhiteSpace(a) && !a.Equals(sdnName, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var country = type == "individual" && remarks is not null && NationalityRegex().Match(remarks) is { Success: true } n
                ? CountryCode(n.Groups[1].Value)
                : null;
            country ??= MostNamedCountry(remarks, adds.GetValueOrDefault(ent)?.Select(a => a[4]));
            entries.Add(new SdnEntry(line, ent, sdnName!, type, programmes, Value(f[4]), remarks, aliases, country, DateOf(remarks)));
        }
        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors);
        }
        return entries;
    }

    /// <summary>A field with OFAC's "-0-" null read as null, and padding trimmed.</summary>
    public static string? Value(string field)
    {
        var t = field.Trim();
        return t.Length == 0 || t == "-0-" ? null : t;
    }

    /// <summary>The aliases in remarks: <c>a.k.a. 'X'</c>, <c>f.k.a. 'X'</c>, <c>n.k.a. 'X'</c>.</summary>
    public static IEnumerable<string> Aliases(string? remarks) =>
        remarks is null ? [] : AliasRegex().Matches(remarks).Select(m => m.Groups[1].Value.Trim());

    /// <summary>"DOB 21 Aug 1961", "Organization Established Date 11 Mar 2020", "DOB 1966" → a partial date.</summary>
    public static string? DateOf(string? remarks)
    {
        if (remarks is null || DateRegex().Match(remarks) is not { Success: true } m)
        {
            return null;
        }
        var text = m.Groups[1].Value;
        string[] formats = ["dd MMM yyyy", "MMM yyyy", "yyyy"];
        for (var i = 0; i < formats.Length; i++)
        {
            if (DateTime.TryParseExact(text, formats[i], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return i switch { 0 => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 1 => d.ToString("yyyy-MM", CultureInfo.InvariantCulture), _ => d.ToString("yyyy", CultureInfo.InvariantCulture) };
            }
        }
        return null;
    }

    private static readonly Lazy<Dictionary<string, string>> s_countries = new(() =>
    {
        var map = Vigil.Model.Countries.All.ToDictionary(c => c.Name.ToLowerInvariant(), c => c.Code);
        // OFAC's spellings where they differ from ISO's short names.
        foreach (var (n, code) in new[]
        {
            ("russia", "RU"), ("iran", "IR"), ("syria", "SY"), ("korea, north", "KP"), ("korea, south", "KR"), ("burma", "MM"),
            ("venezuela", "VE"), ("bolivia", "BO"), ("tanzania", "TZ"), ("vietnam", "VN"), ("laos", "LA"), ("moldova", "MD"),
            ("turkey", "TR"), ("czech republic", "CZ"), ("united kingdom", "GB"), ("united states", "US"), ("taiwan", "TW"),
            ("congo, democratic republic of the", "CD"), ("congo, republic of the", "CG"), ("palestinian", "PS"), ("west bank", "PS"),
            ("macau", "MO"), ("hong kong", "HK"), ("kosovo", "XK"), ("cote d ivoire", "CI"), ("the bahamas", "BS"), ("the gambia", "GM"),
        })
        {
            map[n] = code;
        }
        return map;
    });

    /// <summary>An ISO 3166-1 code for a country as OFAC names it, or null.</summary>
    public static string? CountryCode(string name) => s_countries.Value.GetValueOrDefault(name.Trim().TrimEnd('.').ToLowerInvariant());

    private static string? MostNamedCountry(string? remarks, IEnumerable<string?>? addressCountries)
    {
        var named = (remarks is null ? [] : ParenthesisRegex().Matches(remarks).Select(m => m.Groups[1].Value))
            .Concat(addressCountries?.OfType<string>() ?? [])
            .Select(CountryCode).OfType<string>().ToList();
        return named.Count == 0 ? null
            : named.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => named.IndexOf(g.Key)).First().Key;
    }

    /// <summary>Companion rows by ent_num; absent companion: empty.</summary>
    private static Dictionary<string, List<List<string>>> Companion(string dir, string file, int columns, List<ImportError> errors)
    {
        var path = Directory.EnumerateFiles(dir).FirstOrDefault(f => Path.GetFileName(f).Equals(file, StringComparison.OrdinalIgnoreCase));
        var result = new Dictionary<string, List<List<string>>>(StringComparer.Ordinal);
        if (path is null)
        {
            return result;
        }
        var name = Path.GetFileName(path);
        foreach (var (line, f) in Rows(File.ReadAllBytes(path), name, errors))
        {
            if (f.Count != columns || Value(f[0]) is not { } ent)
            {
                errors.Add(new ImportError(name, f.Count > 0 ? f[0] : null, null, $"expected {columns} fields with an ent_num, found {f.Count}", line));
                continue;
            }
            var values = f.Select(x => Value(x) ?? "").ToList();
            (result.TryGetValue(ent, out var list) ? list : result[ent] = []).Add(values);
        }
        return result;
    }

    /// <summary>
    /// Splits the bytes into rows of fields: double-quoted fields may hold commas and doubled quotes;
    /// CRLF or LF ends a row outside quotes; 0x1A (the DOS end-of-file mark) ends the file.
    /// </summary>
    internal static List<(int Line, List<string> Fields)> Rows(byte[] bytes, string name, List<ImportError> errors)
    {
        var end = Array.IndexOf(bytes, (byte)0x1A);
        // OFAC writes Latin-1; accented names survive either way.
        var text = Encoding.Latin1.GetString(bytes, 0, end < 0 ? bytes.Length : end);
        var rows = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.ToString().Trim().Length == 0 && !wasQuoted:
                    quoted = wasQuoted = true;
                    field.Clear();
                    break;
                case '"':
                    errors.Add(new ImportError(name, fields.Count > 0 ? fields[0] : null, null, $"stray quote in field {fields.Count + 1}", line));
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRow();
                    line++;
                    rowLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (quoted)
        {
            errors.Add(new ImportError(name, fields.Count > 0 ? fields[0] : null, null, "a quoted field is not closed before the end of the file", rowLine));
        }
        else if (text.Length > 0 && text[^1] != '\n' && (fields.Count > 0 || field.ToString().Trim().Length > 0))
        {
            // OFAC ends every row with CRLF: a last row without one was cut short, even when its fields happen to count right.
            errors.Add(new ImportError(name, fields.Count > 0 ? fields[0] : field.ToString(), null,
                "the file ends mid-record (its last row has no line end): it may have been cut short", rowLine));
        }
        else
        {
            EndRow();
        }
        return rows;

        void EndRow()
        {
            if (fields.Count > 0 || field.ToString().Trim().Length > 0)
            {
                fields.Add(field.ToString());
                rows.Add((rowLine, fields));
            }
            fields = [];
            field.Clear();
            wasQuoted = false;
        }
    }

    [GeneratedRegex(@"\b[afn]\.k\.a\.,?\s*'([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex AliasRegex();

    [GeneratedRegex(@"(?:^|;\s*)nationality ([^;.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex NationalityRegex();

    [GeneratedRegex(@"(?:^|;\s*)(?:DOB|Organization Established Date) (?:circa )?(\d{1,2} [A-Z][a-z]{2} \d{4}|[A-Z][a-z]{2} \d{4}|\d{4})\b", RegexOptions.CultureInvariant)]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"\(([A-Z][A-Za-z ,.'-]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex ParenthesisRegex();
}
