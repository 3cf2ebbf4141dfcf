using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Access;
using Vigil.Features.Commitments;

namespace Vigil.Web.Pages.Commitments;

/// <summary>The frameworks Vigil tracks, the rating scale, and the way into quarters and national reports.</summary>
public sealed class IndexModel(ListFrameworksHandler frameworks, GetRatingScaleHandler scale, IReaderAccessor readers) : PageModel
{
    public IReadOnlyList<FrameworkSummary> Frameworks { get; private set; } = [];

    public RatingScale Scale { get; private set; } = null!;

    public Reader Reader => readers.Current;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Frameworks = await frameworks.HandleAsync(ct);
        Scale = await scale.HandleAsync(ct);
    }
}
