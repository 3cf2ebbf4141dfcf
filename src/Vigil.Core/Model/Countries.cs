using System.Text.Json;

namespace Vigil.Model;

/// <summary>An ISO 3166-1 entry.</summary>
public sealed record Country(string Code, string Name, bool Dependent, bool Disputed);

/// <summary>
/// The 249 ISO 3166-1 alpha-2 entries, read from <c>data/reference/iso3166-1.json</c> (embedded in
/// this assembly so that validation needs no files on disk).
/// </summary>
public static class Countries
{
    private static readonly Lazy<IReadOnlyDictionary<string, Country>> s_byCode = new(Load);

    /// <summary>Every entry, by code.</summary>
    public static IReadOnlyDictionary<string, Country> ByCode => s_byCode.Value;

    /// <summary>Every entry, ordered by name.</summary>
    public static IEnumerable<Country> All => ByCode.Values.OrderBy(c => c.Name, StringComparer.InvariantCulture);

    /// <summary>True when <paramref name="code"/> is an assigned alpha-2 code (upper case).</summary>
    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    /// <summary>The English name, or the code itself when unknown.</summary>
    public static string NameOf(string? code) => code is not null && ByCode.TryGetValue(code, out var c) ? c.Name : code ?? "";

    private static IReadOnlyDictionary<string, Country> Load()
    {
        using var stream = typeof(Countries).Assembly.GetManifestResourceStream("Vigil.iso3166-1.json")
            ?? throw new InvalidOperationException("The ISO 3166-1 list is not embedded in Vigil.Core.");
        var entries = JsonSerializer.Deserialize<List<Entry>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        return entries.ToDictionary(e => e.Code, e => new Country(e.Code, e.Name, e.Dependent, e.Disputed), StringComparer.Ordinal);
    }

    private sealed record Entry(string Code, string Name, bool Dependent, bool Disputed);
}
