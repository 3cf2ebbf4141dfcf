using System.Text.RegularExpressions;
using Vigil.Features.Export;
using YamlDotNet.RepresentationModel;

namespace Vigil.Core.Tests.Formats;

/// <summary>
/// The FollowTheMoney model as far as the tests need it, read from the official schema YAML files
/// (copied under Fixtures/ftm/schema): schemata, what they extend, their properties with type and range.
/// </summary>
internal sealed partial class FtmModel
{
    private sealed record Property(string Type, string? Range);

    private sealed record Schema(string Name, bool Abstract, List<string> Extends, List<string> Required, Dictionary<string, Property> Properties);

    private readonly Dictionary<string, Schema> _schemata = new(StringComparer.Ordinal);

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "ftm", "schema");

    public static FtmModel Load()
    {
        var model = new FtmModel();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.yaml"))
        {
            var yaml = new YamlStream();
            using (var reader = File.OpenText(file))
            {
                yaml.Load(reader);
            }
            foreach (var (key, value) in (YamlMappingNode)yaml.Documents[0].RootNode)
            {
                var node = (YamlMappingNode)value;
                List<string> Strings(string name) => node.Children.TryGetValue(name, out var list) && list is YamlSequenceNode seq
                    ? [.. seq.Children.Select(c => ((YamlScalarNode)c).Value!)] : [];
                var properties = new Dictionary<string, Property>(StringComparer.Ordinal);
                if (node.Children.TryGetValue("properties", out var props) && props is YamlMappingNode map)
                {
                    foreach (var (name, definition) in map)
                    {
                        var d = (YamlMappingNode)definition;
                        string? Scalar(string field) => d.Children.TryGetValue(field, out var v) ? ((YamlScalarNode)v).Value : null;
                        properties[((YamlScalarNode)name).Value!] = new Property(Scalar("type") ?? "string", Scalar("range"));
                    }
                }
                var schemaName = ((YamlScalarNode)key).Value!;
                var isAbstract = node.Children.TryGetValue("abstract", out var a) && ((YamlScalarNode)a).Value == "true";
                model._schemata[schemaName] = new Schema(schemaName, isAbstract, Strings("extends"), Strings("required"), properties);
            }
        }
        return model;
    }

    /// <summary>The schema and every schema it extends, nearest first.</summary>
    private IEnumerable<Schema> Lineage(string name)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>([name]);
        while (queue.TryDequeue(out var next))
        {
            if (seen.Add(next) && _schemata.TryGetValue(next, out var schema))
            {
                yield return schema;
                foreach (var parent in schema.Extends)
                {
                    queue.Enqueue(parent);
                }
            }
        }
    }

    public bool IsA(string schema, string ancestor) => Lineage(schema).Any(s => s.Name == ancestor);

    /// <summary>Every way the entities break the model; empty when they are valid.</summary>
    public List<string> Problems(IReadOnlyList<FtmEntity> entities)
    {
        var problems = new List<string>();
        var schemaOf = entities.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First().Schema);
        problems.AddRange(entities.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: id used {g.Count()} times"));
        foreach (var e in entities)
        {
            if (!_schemata.TryGetValue(e.Schema, out var schema))
            {
                problems.Add($"{e.Id}: no schema '{e.Schema}' in the model");
                continue;
            }
            if (schema.Abstract)
            {
                problems.Add($"{e.Id}: schema '{e.Schema}' is abstract");
            }
            var lineage = Lineage(e.Schema).ToList();
            foreach (var required in lineage.SelectMany(s => s.Required).Where(r => !e.Properties.ContainsKey(r)))
            {
                problems.Add($"{e.Id}: required property '{required}' is missing");
            }
            foreach (var (name, values) in e.Properties)
            {
                var property = lineage.Select(s => s.Properties.GetValueOrDefault(name)).FirstOrDefault(p => p is not null);
                if (property is null)
                {
                    problems.Add($"{e.Id}: '{name}' is no property of {e.Schema} nor of what it extends");
                    continue;
                }
                foreach (var value in values)
                {
                    var problem = property.Type switch
                    {
                        "entity" when !schemaOf.TryGetValue(value, out var target) => $"references '{value}', which is not in the export",
                        "entity" when property.Range is { } range && !IsA(schemaOf[value], range) => $"references a {schemaOf[value]}, not a {property.Range}",
                        "date" when !DatePattern().IsMatch(value) => $"'{value}' is not an ISO date",
                        "country" when !CountryPattern().IsMatch(value) => $"'{value}' is not a lower-case country code",
                        "url" when !Uri.TryCreate(value, UriKind.Absolute, out _) => $"'{value}' is not a URL",
                        _ when value.Length == 0 => "an empty value",
                        _ => null,
                    };
                    if (problem is not null)
                    {
                        problems.Add($"{e.Id}: {name}: {problem}");
                    }
                }
            }
        }
        return problems;
    }

    [GeneratedRegex(@"^\d{4}(-\d{2}(-\d{2})?)?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)?$")]
    private static partial Regex CountryPattern();
}
