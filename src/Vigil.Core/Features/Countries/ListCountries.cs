using Microsoft.EntityFrameworkCore;
using Vigil.Data;

namespace Vigil.Features.Countries;

public sealed record ListCountriesRequest;

public sealed record CountryEntry(string Code, string Name, int Actors);

/// <summary>The countries that have visible actors, with how many, by name.</summary>
public sealed class ListCountriesHandler(VigilDb db)
{
    public async Task<IReadOnlyList<CountryEntry>> HandleAsync(ListCountriesRequest request, CancellationToken ct = default)
    {
        var rows = await db.Actors.Where(a => a.Country != null).GroupBy(a => a.Country!)
            .Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => new CountryEntry(r.Code, Model.Countries.NameOf(r.Code), r.Count))
            .OrderBy(c => c.Name, StringComparer.InvariantCulture).ToList();
    }
}
