using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Vigil.Formats.Stix;

/// <summary>A problem with one object of a bundle: the object's id (or its place), and what is wrong.</summary>
public sealed record StixProblem(string Object, string Message)
{
    public override string ToString() => $"{Object}: {Message}";
}

/// <summary>
/// Checks a STIX 2.1 bundle against the OASIS JSON schemas (draft 2020-12, through JsonSchema.Net) and
/// the rules a schema cannot say: an id's prefix names its type, no id twice, timestamps are real UTC
/// instants with <c>modified</c> not before <c>created</c> and <c>valid_until</c> after <c>valid_from</c>,
/// and every reference (<c>*_ref</c>, <c>*_refs</c>) names an object of the bundle or an official TLP
/// marking. Each object is checked against the schema of its own type (the bundle schema's <c>oneOf</c>
/// over every type is the same rule, and a hundred times slower on a lab's 3,000-object bundle); a
/// custom type (<c>x-…</c>) or a type the schemas do not define is checked against the common core.
/// </summary>
public sealed partial class StixValidator
{
    private readonly Dictionary<string, JsonSchema> _byName;

    private StixValidator(Dictionary<string, JsonSchema> byName) => _byName = byName;

    private static readonly Lazy<StixValidator> s_embedded = new(() => Load(
        typeof(StixValidator).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("Vigil.Stix.", StringComparison.Ordinal))
            .Select(n => (Name: n, Text: ReadResource(n)))));

    /// <summary>The validator over the schemas embedded in Vigil.Core.</summary>
    public static StixValidator Embedded => s_embedded.Value;

    /// <summary>A validator over the schema files of <paramref name="folder"/> (common/, sdos/, sros/, observables/).</summary>
    public static StixValidator FromFolder(string folder) =>
        Load(Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Select(f => (Name: f, Text: File.ReadAllText(f))));

    private static StixValidator Load(IEnumerable<(string Name, string Text)> files)
    {
        // A registry of its own: two validators (the embedded one, a test's copy) declare the same $ids.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var byName = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var (name, text) in files.ToList())
        {
            var schema = JsonSchema.FromText(text, options);
            var file = name.Replace('\\', '/').Split('/')[^1];
            file = file.StartsWith("Vigil.Stix.", StringComparison.Ordinal) ? file["Vigil.Stix.".Length..] : file;
            byName[Path.GetFileNameWithoutExtension(file)] = schema;
        }
        return new StixValidator(byName);
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Whether the schemas define <paramref name="type"/> (an SDO, SRO, observable or meta object).</summary>
    public bool Knows(string type) => _byName.ContainsKey(type) && type is not ("core" or "bundle" or "identifier" or "timestamp");

    /// <summary>Every problem of the bundle, in document order; empty when it is valid.</summary>
    public IReadOnlyList<StixProblem> Validate(JsonElement bundle)
    {
        var problems = new List<StixProblem>();
        if (bundle.ValueKind != JsonValueKind.Object || Str(bundle, "type") != "bundle")
        {
            problems.Add(new StixProblem("$", "not a STIX bundle: a bundle is a JSON object with \"type\": \"bundle\""));
            return problems;
        }
        var bundleId = Str(bundle, "id");
        if (bundleId is null || !IdPattern().IsMatch(bundleId) || !bundleId.StartsWith("bundle--", StringComparison.Ordinal))
        {
            problems.Add(new StixProblem("$.id", $"a bundle's id is bundle--UUID (found {Quote(bundleId)})"));
        }
        if (!bundle.TryGetProperty("objects", out var objects) || objects.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new StixProblem("$.objects", "a bundle holds its objects in an 'objects' array"));
            return problems;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var o in objects.EnumerateArray())
        {
            var where = Str(o, "id") ?? $"$.objects[{index}]";
            index++;
            if (o.ValueKind != JsonValueKind.Object || Str(o, "type") is not { } type)
            {
                problems.Add(new StixProblem(where, "an object needs a 'type'"));
                continue;
            }
            var id = Str(o, "id");
            if (id is null || !IdPattern().IsMatch(id) || !id.StartsWith(type + "--", StringComparison.Ordinal))
            {
                problems.Add(new StixProblem(where, $"the id must be {type}--UUID (found {Quote(id)})"));
            }
            else if (!ids.Add(id) && !o.TryGetProperty("modified", out _))
            {
                problems.Add(new StixProblem(where, "the id appears twice"));
            }
            var schema = _byName.GetValueOrDefault(Knows(type) ? type : type is "bundle" ? "none" : "core");
            if (schema is not null)
            {
                var result = schema.Evaluate(o, new EvaluationOptions { OutputFormat = OutputFormat.Flag });
                if (!result.IsValid)
                {
                    problems.Add(new StixProblem(where, "does not match the STIX 2.1 schema of '" + type + "': " + Explain(schema, o)));
                }
            }
            CheckTimes(o, where, problems);
        }
        foreach (var o in objects.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.Object))
        {
            var where = Str(o, "id") ?? "an object";
            foreach (var (path, target) in References(o, "$"))
            {
                if (!ids.Contains(target) && !StixMarkings.Official.Contains(target))
                {
                    problems.Add(new StixProblem(where, $"{path} refers to {target}, which is not in the bundle"));
                }
            }
        }
        return problems;
    }

    private static string Explain(JsonSchema schema, JsonElement o)
    {
        var detail = schema.Evaluate(o, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (detail.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")} {string.Join("; ", d.Errors!.Values)}")
            .Distinct().Take(3).ToList();
        return errors.Count > 0 ? string.Join(" | ", errors) : "invalid";
    }

    private static void CheckTimes(JsonElement o, string where, List<StixProblem> problems)
    {
        var times = new Dictionary<string, DateTime>();
        foreach (var name in new[] { "created", "modified", "valid_from", "valid_until", "published", "first_seen", "last_seen" })
        {
            if (Str(o, name) is not { } text)
            {
                continue;
            }
            if (!TimestampPattern().IsMatch(text) || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                problems.Add(new StixProblem(where, $"{name} is not a STIX timestamp (YYYY-MM-DDTHH:MM:SS[.s+]Z): {Quote(text)}"));
                continue;
            }
            times[name] = at;
        }
        if (times.TryGetValue("created", out var created) && times.TryGetValue("modified", out var modified) && modified < created)
        {
            problems.Add(new StixProblem(where, "modified is earlier than created"));
        }
        if (times.TryGetValue("valid_from", out var from) && times.TryGetValue("valid_until", out var until) && until <= from)
        {
            problems.Add(new StixProblem(where, "valid_until is not later than valid_from"));
        }
        if (times.TryGetValue("first_seen", out var first) && times.TryGetValue("last_seen", out var last) && last < first)
        {
            problems.Add(new StixProblem(where, "last_seen is earlier than first_seen"));
        }
    }

    /// <summary>Every reference an object makes, with its JSON path; a marking's own definition is no reference.</summary>
    public static IEnumerable<(string Path, string Target)> References(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                var at = $"{path}.{p.Name}";
                if (p.Name.EndsWith("_ref", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.String)
                {
                    yield return (at, p.Value.GetString()!);
                }
                else if (p.Name.EndsWith("_refs", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var item in p.Value.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.String)
                        {
                            yield return ($"{at}[{i}]", item.GetString()!);
                        }
                        i++;
                    }
                }
                else if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && p.Name != "extensions")
                {
                    foreach (var r in References(p.Value, at))
                    {
                        yield return r;
                    }
                }
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in e.EnumerateArray())
            {
                foreach (var r in References(item, $"{path}[{i++}]"))
                {
                    yield return r;
                }
            }
        }
    }

    internal static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static string Quote(string? text) => text is null ? "nothing" : $"'{(text.Length > 80 ? text[..80] + "…" : text)}'";

    [GeneratedRegex("^[a-z][a-z0-9-]+--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex TimestampPattern();
}
