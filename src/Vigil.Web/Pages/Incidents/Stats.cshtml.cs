using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Features.Incidents;

namespace Vigil.Web.Pages.Incidents;

/// <summary>The incident statistics: every figure computed from the published incidents the reader may see, and linked to them.</summary>
public sealed class StatsModel(GetIncidentStatisticsHandler handler) : PageModel
{
    public IncidentStatisticsResult Stats { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Stats = await handler.HandleAsync(ct);
}
