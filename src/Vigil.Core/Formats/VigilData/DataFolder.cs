using Vigil.Features.Import;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Vigil.Formats.VigilData;

/// <summary>Reads and writes Vigil's data layout: one YAML file per record, one folder per kind.</summary>
public static class DataFolder
{
    public const string Sources = "sources";
    public const string Actors = "actors";
    public const string Products = "products";
    public const string Relationships = "relationships";
    public const string Incidents = "incidents";
    public const string Measures = "measures";
    public const string Frameworks = "frameworks";
    public const string Endorsements = "endorsements";

    private static readonly IDeserializer s_reader = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    private static readonly ISerializer s_writer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    /// <summary>True when <paramref name="folder"/> looks like a Vigil data folder.</summary>
    public static bool IsDataFolder(string folder) =>
        new[] { Sources, Actors, Products, Relationships, Incidents, Measures }.Any(k => Directory.Exists(Path.Combine(folder, k)));

    /// <summary>Parses every file; syntax errors and unknown fields are collected with file and line.</summary>
    public static DataSet Read(string folder, List<ImportError> errors)
    {
        var set = new DataSet();
        ReadKind(folder, Sources, set.Sources, errors);
        ReadKind(folder, Actors, set.Actors, errors);
        ReadKind(folder, Products, set.Products, errors);
        ReadKind(folder, Relationships, set.Relationships, errors);
        ReadKind(folder, Incidents, set.Incidents, errors);
        ReadKind(folder, Measures, set.Measures, errors);
        ReadKind(folder, Frameworks, set.Frameworks, errors);
        ReadKind(folder, Endorsements, set.Endorsements, errors);
        return set;
    }

    private static void ReadKind<T>(string folder, string kind, List<DataFile<T>> into, List<ImportError> errors) where T : class
    {
        var dir = Path.Combine(folder, kind);
        if (!Directory.Exists(dir))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
        {
            var relative = $"{kind}/{Path.GetFileName(file)}";
            try
            {
                if (Features.Common.InputGuard.Utf8(File.ReadAllBytes(file), out var notUtf8) is not { } text)
                {
                    errors.Add(new ImportError(relative, null, null, notUtf8!));
                    continue;
                }
                var record = s_reader.Deserialize<T>(text);
                if (record is null)
                {
                    errors.Add(new ImportError(relative, null, null, "the file is empty"));
                    continue;
                }
                into.Add(new DataFile<T>(relative, record));
            }
            catch (YamlException e)
            {
                var reason = (e.InnerException?.Message ?? e.Message).Split('\n')[0];
                errors.Add(new ImportError(relative, null, null, reason, (int)e.Start.Line));
            }
        }
    }

    /// <summary>Writes one record as <c>folder/kind/slug.yaml</c>.</summary>
    public static void Write<T>(string folder, string kind, string slug, T record)
    {
        var dir = Path.Combine(folder, kind);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, slug + ".yaml"), s_writer.Serialize(record));
    }
}
