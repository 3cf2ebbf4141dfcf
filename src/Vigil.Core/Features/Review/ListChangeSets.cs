using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>
/// Change sets for editors and reviewers (null for anyone else): those in review, oldest first, or one
/// by id. Filtered like everything else: a set above the reader's clearance does not exist for them.
/// </summary>
public sealed class ListChangeSetsHandler(VigilDb db)
{
    private const int Limit = 100;

    public async Task<IReadOnlyList<ChangeSetView>?> HandleAsync(bool decidedToo = false, CancellationToken ct = default)
    {
        if (!db.Reader.CanReview && !db.Reader.CanEdit)
        {
            return null;
        }
        var sets = await db.ChangeSets.AsNoTracking().Include(s => s.Items)
            .Where(s => decidedToo || s.State == ChangeSetState.InReview)
            .OrderBy(s => s.State).ThenBy(s => s.SubmittedAt).ThenBy(s => s.Id).Take(Limit).ToListAsync(ct);
        var views = new List<ChangeSetView>();
        foreach (var set in sets)
        {
            views.Add(await ChangeSetRules.ViewAsync(db, set, ct));
        }
        return views;
    }

    public async Task<ChangeSetView?> GetAsync(long id, CancellationToken ct = default)
    {
        if (!db.Reader.CanReview && !db.Reader.CanEdit)
        {
            return null;
        }
        return await ChangeSetRules.LoadAsync(db, id, ct) is { } set ? await ChangeSetRules.ViewAsync(db, set, ct) : null;
    }
}
