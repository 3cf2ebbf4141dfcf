using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Model;

namespace Vigil.Features.Review;

/// <summary>One revision: who, when, why, and each field's old and new value.</summary>
public sealed record RevisionView(int Version, DateTime At, string By, string? Reason, string Operation, IReadOnlyList<FieldChange> Changes);

/// <summary>A review step with its comment (a send-back's comment, a retraction's reason).</summary>
public sealed record ReviewNoteView(DateTime At, string By, string Action, string? Comment, int Version);

/// <summary>A change proposed to a published record, waiting for (or decided by) a reviewer.</summary>
public sealed record PendingChangeView(
    long Id, string Type, string Slug, string Label, int BaseVersion, int CurrentVersion, DateTime ProposedAt, string ProposedBy,
    string? Reason, IReadOnlyList<FieldChange> Changes, string State, string? DecidedBy, string? Comment);

/// <summary>A record's history, newest first; review notes and proposed changes for those who see unpublished work.</summary>
public sealed record HistoryView(
    string Type, string Slug, string Label, ReviewStatus Status, string Marking, int Version,
    IReadOnlyList<RevisionView> Revisions, IReadOnlyList<ReviewNoteView> Notes, IReadOnlyList<PendingChangeView> Changes);

/// <summary>The history of a record; null when the record is hidden from the reader (exactly like the record).</summary>
public sealed class GetHistoryHandler(VigilDb db)
{
    public async Task<HistoryView?> HandleAsync(RecordKind kind, string idOrSlug, CancellationToken ct = default)
    {
        var record = await ReviewRules.FindAsync(db, kind, idOrSlug, ct);
        if (record is null)
        {
            return null;
        }
        db.ChangeTracker.Clear();
        var rows = await db.Revisions.Where(r => r.RecordKind == kind && r.RecordId == record.Id)
            .OrderByDescending(r => r.Version).ThenByDescending(r => r.Id).ToListAsync(ct);
        var notes = await db.ReviewEvents.Where(e => e.RecordKind == kind && e.RecordId == record.Id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new ReviewNoteView(e.At, e.By, e.Action, e.Comment, e.Version)).ToListAsync(ct);
        var changes = await db.PendingChanges.Where(c => c.RecordKind == kind && c.RecordId == record.Id)
            .OrderByDescending(c => c.ProposedAt).ThenByDescending(c => c.Id).ToListAsync(ct);
        return new HistoryView(
            Labels.RecordType(kind), record.Slug, record.Label, record.Status, record.Marking.ToLabel(), record.Version,
            rows.Select(r => new RevisionView(r.Version, r.At, r.By, r.Reason, r.Operation, History.ReadChanges(r.Changes))).ToList(),
            notes, changes.Select(c => Changes.View(c, record)).ToList());
    }
}

/// <summary>Turning stored changes into views.</summary>
public static class Changes
{
    public static PendingChangeView View(PendingChange c, Record record) => new(
        c.Id, Labels.RecordType(c.RecordKind), record.Slug, record.Label, c.BaseVersion, record.Version, c.ProposedAt, c.ProposedBy,
        c.Reason, History.ReadChanges(c.Changes), Labels.Kebab(c.State), c.DecidedBy, c.Comment);

    /// <summary>Several revisions folded into one diff per field: the oldest old value and the newest new one.</summary>
    public static IReadOnlyList<FieldChange> Fold(IEnumerable<IReadOnlyList<FieldChange>> oldestFirst)
    {
        var byField = new List<FieldChange>();
        foreach (var change in oldestFirst.SelectMany(c => c))
        {
            var i = byField.FindIndex(f => f.Field == change.Field && !IsList(f.Field));
            if (i < 0)
            {
                byField.Add(change);
            }
            else
            {
                byField[i] = byField[i] with { New = change.New };
            }
        }
        return byField.Where(f => f.Old != f.New).ToList();
    }

    private static bool IsList(string field) => field is "aliases" or "identifiers";
}
