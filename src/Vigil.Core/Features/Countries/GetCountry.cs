using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Countries;

public sealed record GetCountryRequest(string Code);

public sealed record CountryActor(string Slug, string Name, ActorKind ActorKind, Marking Marking, ReviewStatus Status);

public sealed record CountryPage(
    string Code, string Name, CountryActor? State, IReadOnlyList<CountryActor> PublicBodies,
    IReadOnlyList<CountryActor> Companies, IReadOnlyList<CountryActor> Others);

/// <summary>A country: its state actor, public bodies, companies and other actors. Null for a code that is not ISO 3166-1.</summary>
public sealed class GetCountryHandler(VigilDb db)
{
    public async Task<CountryPage?> HandleAsync(GetCountryRequest request, CancellationToken ct = default)
    {
        var code = request.Code.ToUpperInvariant();
        if (!Model.Countries.IsKnown(code))
        {
            return null;
        }
        var actors = await db.Actors.Where(a => a.Country == code).OrderBy(a => a.Name)
            .Select(a => new CountryActor(a.Slug, a.Name, a.ActorKind, a.Marking, a.Status)).ToListAsync(ct);
        return new CountryPage(code, Model.Countries.NameOf(code),
            actors.FirstOrDefault(a => a.ActorKind == ActorKind.State),
            actors.Where(a => a.ActorKind == ActorKind.PublicBody).ToList(),
            actors.Where(a => a.ActorKind == ActorKind.Company).ToList(),
            actors.Where(a => a.ActorKind is ActorKind.Person or ActorKind.Organisation).ToList());
    }
}
