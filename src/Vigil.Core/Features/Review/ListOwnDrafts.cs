using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>A draft an editor may put in a change set.</summary>
public sealed record DraftView(string Ref, string Type, string Slug, string Label, string Marking, DateTime UpdatedAt, string Link);

/// <summary>
/// The reader's own drafts of every kind (those they created or last changed; the newest 200 of each
/// kind), oldest change first: what "Submit for review" offers to put in a change set. Empty for anyone
/// who may not edit.
/// </summary>
public sealed class ListOwnDraftsHandler(VigilDb db)
{
    private const int Limit = 200;

    public async Task<IReadOnlyList<DraftView>> HandleAsync(CancellationToken ct = default)
    {
        if (!db.Reader.CanEdit)
        {
            return [];
        }
        var me = db.Reader.Name;
        var records = new List<Record>();
        records.AddRange(await Mine(db.Actors, me).ToListAsync(ct));
        records.AddRange(await Mine(db.Products, me).ToListAsync(ct));
        records.AddRange(await Mine(db.Sources, me).ToListAsync(ct));
        records.AddRange(await Mine(db.Relationships.Include(r => r.FromActor).Include(r => r.ToActor).Include(r => r.ToProduct), me).ToListAsync(ct));
        records.AddRange(await Mine(db.Citations.Include(c => c.Source), me).ToListAsync(ct));
        records.AddRange(await Mine(db.Incidents, me).ToListAsync(ct));
        records.AddRange(await Mine(db.Measures, me).ToListAsync(ct));
        records.AddRange(await Mine(db.Frameworks, me).ToListAsync(ct));
        records.AddRange(await Mine(db.Commitments, me).ToListAsync(ct));
        records.AddRange(await Mine(db.Endorsements.Include(e => e.Actor).Include(e => e.Framework), me).ToListAsync(ct));
        records.AddRange(await Mine(db.Assessments.Include(a => a.Actor).Include(a => a.Commitment), me).ToListAsync(ct));
        records.AddRange(await Mine(db.ReplyRequests.Include(r => r.Actor), me).ToListAsync(ct));
        db.ChangeTracker.Clear();
        return records.OrderBy(r => r.UpdatedAt).ThenBy(r => r.Kind).Select(r =>
        {
            var type = Labels.RecordType(r.Kind);
            return new DraftView(ChangeSetRules.Ref(r), type, r.Slug, r.Label, r.Marking.ToLabel(), r.UpdatedAt, Readable.Link(type, r.Slug));
        }).ToList();
    }

    // The newest of each kind: after a bulk import (a STIX bundle's 1,549 draft citations) the drafts the
    // editor just wrote must still be offered, not crowded out by the oldest.
    private static IQueryable<T> Mine<T>(IQueryable<T> set, string me) where T : Record =>
        set.AsNoTracking().Where(r => r.Status == ReviewStatus.Draft && (r.CreatedBy == me || r.UpdatedBy == me)).OrderByDescending(r => r.UpdatedAt).Take(Limit);
}
