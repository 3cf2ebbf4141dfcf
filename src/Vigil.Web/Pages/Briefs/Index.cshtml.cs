using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Briefs;
using Vigil.Features.Gaps;

namespace Vigil.Web.Pages.Briefs;

/// <summary>Which briefs there are: a country brief per signatory of the Joint Statement, a dossier per vendor, the quarterly scorecards.</summary>
public sealed class IndexModel(GetGapMatrixHandler gaps) : PageModel
{
    public List<Jurisdiction> States { get; private set; } = [];

    public List<(string Slug, string Name)> Vendors { get; private set; } = [];

    public string FrameworkName { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var framework = Frameworks.Find(CountryBriefHandler.AlliesGroup)!;
        FrameworkName = framework.Name;
        var signatories = framework.Signatories.Select(s => s.State).ToHashSet();
        States = (await gaps.States(ct)).Where(s => signatories.Contains(s.Slug)).ToList();
        Vendors = await gaps.VendorsAsync(200, ct);
    }
}
