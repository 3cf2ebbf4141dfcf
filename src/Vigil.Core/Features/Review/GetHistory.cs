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
        // A target is reviewed with its incident (its changes show there too) but keeps its own history, for
        // those who may see the target; the access rule's filter on targets decides who.
        var record = kind == RecordKind.Target
            ? await db.Targets.ByIdOrSlug(idOrSlug).FirstOrDefaultAsync(ct)
            : await ReviewRules.FindAsync(db, kind, idOrSlug, ct);
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
        var revisions = HistoryVisibility.Visible(rows, db.Reader);
        var pending = changes.Select(c => Changes.View(c, record)).ToList();
        var redacted = await HistoryLinks.RedactAsync(db, kind, [.. revisions.Select(r => r.Changes), .. pending.Select(c => c.Changes)], ct);
        // Redacted first (a link the reader may not see reads "a record you cannot see"), then keys in words:
        // "to actor: Hellenic Police", not "toActorId 113".
        var visible = new List<RevisionView>(revisions.Count);
        for (var i = 0; i < revisions.Count; i++)
        {
            visible.Add(revisions[i] with { Changes = await Readable.NamesAsync(db, redacted[i], ct) });
        }
        var queued = new List<PendingChangeView>(pending.Count);
        for (var i = 0; i < pending.Count; i++)
        {
            queued.Add(pending[i] with { Changes = await Readable.NamesAsync(db, redacted[revisions.Count + i], ct) });
        }
        return new HistoryView(
            Labels.RecordType(kind), record.Slug, record.Label, record.Status, record.Marking.ToLabel(), record.Version,
            visible, notes, queued);
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

/// <summary>
/// What of a record's past a reader may see. Seeing a record now does not clear a reader for what it
/// was before: a record once marked RED and later lowered to CLEAR, or a draft later published, has
/// revisions whose values the reader was never cleared for. Walking the revisions in order, a revision
/// is shown only when the reader may see the record as it was after it, and its old values only when
/// the reader may also see the record as it was before it; otherwise they read "(not visible to you)".
/// </summary>
public static class HistoryVisibility
{
    public const string Withheld = "(not visible to you)";

    /// <param name="newestFirst">The record's revisions, newest first.</param>
    /// <param name="reader">The reader (<see cref="VigilDb.Reader"/>).</param>
    public static IReadOnlyList<RevisionView> Visible(IReadOnlyList<Revision> newestFirst, Access.Reader reader)
    {
        var shown = new List<RevisionView>();
        Marking? marking = null;
        ReviewStatus? status = null;
        foreach (var revision in newestFirst.Reverse())
        {
            var changes = History.ReadChanges(revision.Changes);
            var visibleBefore = marking is { } m && status is { } st && reader.MaySee(m, st);
            foreach (var change in changes)
            {
                if (change.Field == "marking" && Markings.TryParse(change.New, out var newMarking))
                {
                    marking = newMarking;
                }
                else if (change.Field == "status" && ReviewStatuses.TryParse(change.New, out var newStatus))
                {
                    status = newStatus;
                }
            }
            // A create names every field; a record created with default values may omit them.
            marking ??= Marking.Clear;
            status ??= ReviewStatus.Draft;
            if (!reader.MaySee(marking.Value, status.Value))
            {
                continue;
            }
            var fields = visibleBefore || revision.Operation == "create"
                ? changes
                : changes.Select(c => c with { Old = c.Old is null ? null : Withheld }).ToList();
            shown.Add(new RevisionView(revision.Version, revision.At, revision.By, revision.Reason, revision.Operation, fields));
        }
        shown.Reverse();
        return shown;
    }
}
