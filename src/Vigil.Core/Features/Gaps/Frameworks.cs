using System.Text.Json;

namespace Vigil.Features.Gaps;

/// <summary>A state that joined a framework, with the date where known.</summary>
public sealed record Signatory(string State, string Country, string? Date, string Status);

/// <summary>A framework states join (the Joint Statement, the Pall Mall Code) and its signatories.</summary>
public sealed record FrameworkSignatories(string Id, string Name, IReadOnlyList<Signatory> Signatories);

/// <summary>
/// Framework signatories, read from <c>data/reference/signatories.json</c> (generated from the fact base,
/// embedded in this assembly). An interim form: when frameworks and endorsements become records, the
/// jurisdiction groups of the gap matrix come from them instead.
/// </summary>
public static class Frameworks
{
    private static readonly Lazy<IReadOnlyList<FrameworkSignatories>> s_all = new(Load);

    public static IReadOnlyList<FrameworkSignatories> All => s_all.Value;

    public static FrameworkSignatories? Find(string? id) => All.FirstOrDefault(f => f.Id == id);

    private static IReadOnlyList<FrameworkSignatories> Load()
    {
        using var stream = typeof(Frameworks).Assembly.GetManifestResourceStream("Vigil.signatories.json")
            ?? throw new InvalidOperationException("The framework signatories are not embedded in Vigil.Core.");
        var file = JsonSerializer.Deserialize<FileShape>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        return file.Frameworks.Select(f => new FrameworkSignatories(f.Id, f.Name,
            f.Signatories.Select(s => new Signatory(s.State, s.Country, s.Date, s.Status)).ToList())).ToList();
    }

    private sealed record FileShape(List<FrameworkShape> Frameworks);

    private sealed record FrameworkShape(string Id, string Name, List<SignatoryShape> Signatories);

    private sealed record SignatoryShape(string State, string Country, string? Date, string Status);
}
