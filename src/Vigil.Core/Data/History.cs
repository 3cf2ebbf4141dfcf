using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Vigil.Model;

namespace Vigil.Data;

/// <summary>A record change seen before save, turned into a <see cref="Revision"/> after it.</summary>
internal sealed record PendingRevision(Record Record, string Operation, List<FieldChange> Changes);

/// <summary>
/// Turns the change tracker's view of a save into revisions: the fields that changed with their old
/// and new values, child rows (aliases, identifiers) folded into their owner's revision.
/// </summary>
public static class History
{
    private static readonly HashSet<string> s_bookkeeping =
        [nameof(Record.Id), nameof(Record.CreatedAt), nameof(Record.CreatedBy), nameof(Record.UpdatedAt), nameof(Record.UpdatedBy), nameof(Record.Version)];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static List<PendingRevision> Collect(DbContext db, string by, DateTime now)
    {
        var entries = db.ChangeTracker.Entries().ToList();
        // Entries() has just detected every change. Each Entry() or Entries() below would detect them all
        // again (per removed alias, in OwnerByKey): quadratic when a large import also removes rows.
        return WithoutDetectingChanges(db, () => Collect(db, entries, by, now));
    }

    /// <summary>Runs <paramref name="work"/> with the tracker's automatic change detection off, then restores it.</summary>
    private static T WithoutDetectingChanges<T>(DbContext db, Func<T> work)
    {
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return work();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static List<PendingRevision> Collect(DbContext db, List<EntityEntry> entries, string by, DateTime now)
    {
        var byRecord = new Dictionary<Record, PendingRevision>(ReferenceEqualityComparer.Instance);

        foreach (var entry in entries)
        {
            if (entry.Entity is not Record record)
            {
                continue;
            }
            switch (entry.State)
            {
                case EntityState.Added:
                    record.CreatedAt = now;
                    record.CreatedBy = by;
                    record.UpdatedAt = now;
                    record.UpdatedBy = by;
                    record.Version = 1;
                    // The fields are read after the save (Revisions): keys of new records are only
                    // temporary values now. Owned rows added below still append to this list.
                    byRecord[record] = new PendingRevision(record, "create", []);
                    break;
                case EntityState.Modified:
                    var changes = Fields(entry, added: false);
                    if (changes.Count == 0)
                    {
                        // Only bookkeeping changed (or a value was set to itself): not a revision.
                        entry.State = EntityState.Unchanged;
                        continue;
                    }
                    byRecord[record] = new PendingRevision(record, "update", changes);
                    break;
                case EntityState.Deleted:
                    byRecord[record] = new PendingRevision(record, "delete", []);
                    break;
            }
        }

        foreach (var entry in entries)
        {
            if (entry.Entity is not IOwnedByRecord owned || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            // Removing a row from its owner's list clears the row's navigation: find the owner by key then.
            var owner = owned.Owner ?? OwnerByKey(db, entry);
            if (owner is null || db.Entry(owner).State is EntityState.Deleted)
            {
                continue;
            }
            if (!byRecord.TryGetValue(owner, out var pending))
            {
                pending = new PendingRevision(owner, "update", []);
                byRecord[owner] = pending;
            }
            if (pending.Operation == "create")
            {
                pending.Changes.Add(new FieldChange(owned.OwnerField, null, owned.Describe()));
                continue;
            }
            switch (entry.State)
            {
                case EntityState.Added:
                    pending.Changes.Add(new FieldChange(owned.OwnerField, null, owned.Describe()));
                    break;
                case EntityState.Deleted:
                    pending.Changes.Add(new FieldChange(owned.OwnerField, owned.Describe(), null));
                    break;
                case EntityState.Modified:
                    pending.Changes.Add(new FieldChange(owned.OwnerField, DescribeOriginal(entry, owned), owned.Describe()));
                    break;
            }
        }

        // A target is a record of its own (its revisions keep its history), but a reviewer approves it as part
        // of its incident: every added, removed or changed target is also a change of the incident's "targets".
        foreach (var entry in entries)
        {
            if (entry.Entity is not Target target || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            var incidentId = (long)entry.Property(nameof(Target.IncidentId)).OriginalValue!;
            var incident = target.Incident
                ?? db.ChangeTracker.Entries<Incident>().FirstOrDefault(e => e.Entity.Id == incidentId && incidentId != 0)?.Entity;
            if (incident is null || db.Entry(incident).State is EntityState.Deleted)
            {
                continue;
            }
            if (!byRecord.TryGetValue(incident, out var pending))
            {
                pending = new PendingRevision(incident, "update", []);
                byRecord[incident] = pending;
            }
            var before = entry.State == EntityState.Added ? null : DescribeTarget(entry, original: true);
            var after = entry.State == EntityState.Deleted ? null : DescribeTarget(entry, original: false);
            if (before != after)
            {
                pending.Changes.Add(new FieldChange("targets", before, after));
            }
        }

        foreach (var pending in byRecord.Values.Where(p => p.Operation == "update"))
        {
            var entry = db.Entry(pending.Record);
            pending.Record.UpdatedAt = now;
            pending.Record.UpdatedBy = by;
            // The original version stays the concurrency check; the new one is what readers compare next.
            pending.Record.Version = entry.Property(r => r.Version).OriginalValue + 1;
            if (entry.State == EntityState.Unchanged)
            {
                entry.State = EntityState.Modified;
                foreach (var p in entry.Properties)
                {
                    p.IsModified = p.Metadata.Name is nameof(Record.UpdatedAt) or nameof(Record.UpdatedBy) or nameof(Record.Version);
                }
            }
        }
        return [.. byRecord.Values];
    }

    /// <summary>
    /// The field changes the tracker holds for <paramref name="record"/> and its owned rows, as a save would
    /// record them. Collecting stamps the tracked entities: the caller clears the tracker afterwards.
    /// </summary>
    public static List<FieldChange> Preview(DbContext db, Record record) =>
        Collect(db, "", DateTime.MinValue).FirstOrDefault(p => ReferenceEquals(p.Record, record))?.Changes ?? [];

    private static Record? OwnerByKey(DbContext db, EntityEntry entry)
    {
        foreach (var fk in entry.Metadata.GetForeignKeys().Where(f => typeof(Record).IsAssignableFrom(f.PrincipalEntityType.ClrType)))
        {
            var key = entry.Property(fk.Properties[0].Name).OriginalValue;
            var principal = db.ChangeTracker.Entries<Record>()
                .FirstOrDefault(e => e.Metadata.ClrType == fk.PrincipalEntityType.ClrType && Equals(e.Entity.Id, key));
            if (principal is not null)
            {
                return principal.Entity;
            }
        }
        return null;
    }

    /// <summary>The revisions of a save, once its new records have real keys; written by <see cref="BulkInsert"/>.</summary>
    internal static List<Revision> Revisions(VigilDb db, List<PendingRevision> pending, string? reason)
    {
        var revisions = new List<Revision>(pending.Count);
        // The save has just detected every change. Entry() would detect them again for each record, and
        // for a citation that walks its source's whole citation list: quadratic in a large import.
        return WithoutDetectingChanges(db, () => RevisionsOf(db, pending, reason, revisions));
    }

    private static List<Revision> RevisionsOf(VigilDb db, List<PendingRevision> pending, string? reason, List<Revision> revisions)
    {
        foreach (var p in pending)
        {
            var entry = db.Entry(p.Record);
            var changes = p.Operation == "create"
                ? [.. Fields(entry, added: true), .. p.Changes]
                // A key that pointed at a record created in the same save was temporary when collected.
                : p.Changes.Select(c => c.Field.EndsWith("Id", StringComparison.Ordinal) && entry.Properties.FirstOrDefault(x => FieldName(x.Metadata.Name) == c.Field) is { } key
                    ? c with { New = Format(key.CurrentValue) }
                    : c).ToList();
            revisions.Add(new Revision
            {
                RecordKind = p.Record.Kind,
                RecordId = p.Record.Id,
                Version = p.Record.Version,
                At = p.Record.UpdatedAt,
                By = p.Record.UpdatedBy,
                Reason = reason,
                Operation = p.Operation,
                Changes = JsonSerializer.Serialize(changes, Json),
            });
        }
        return revisions;
    }

    /// <summary>Reads a revision's changes back.</summary>
    public static IReadOnlyList<FieldChange> ReadChanges(string json) =>
        JsonSerializer.Deserialize<List<FieldChange>>(json, Json) ?? [];

    private static List<FieldChange> Fields(EntityEntry entry, bool added)
    {
        var changes = new List<FieldChange>();
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            if (s_bookkeeping.Contains(name))
            {
                continue;
            }
            if (added)
            {
                if (p.CurrentValue is not null)
                {
                    changes.Add(new FieldChange(FieldName(name), null, Shown(name, p.CurrentValue)));
                }
            }
            else if (p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
            {
                changes.Add(new FieldChange(FieldName(name), Shown(name, p.OriginalValue), Shown(name, p.CurrentValue)));
            }
        }
        return changes;
    }

    // A target's identity is ciphertext already, but history is shown to editors who are not cleared for
    // it: a revision records that it changed, never the value (not even encrypted).
    private static string? Shown(string property, object? value) =>
        property == nameof(Target.IdentityCipher) ? (value is null ? null : "(encrypted)") : Format(value);

    private static string? DescribeOriginal(EntityEntry entry, IOwnedByRecord owned)
    {
        var parts = entry.Properties.Where(p => p.IsModified).Select(p => $"{FieldName(p.Metadata.Name)}={Format(p.OriginalValue)}");
        return string.Join(", ", parts) is { Length: > 0 } s ? s : owned.Describe();
    }

    /// <summary>A target as its incident's history shows it: pseudonym, category, countries, consent, marking, whether an identity is held (never the identity).</summary>
    private static string DescribeTarget(EntityEntry entry, bool original)
    {
        object? Get(string name) => original ? entry.Property(name).OriginalValue : entry.Property(name).CurrentValue;
        var identity = Get(nameof(Target.IdentityCipher)) is null ? ""
            : !original && entry.State == EntityState.Modified && !Equals(entry.Property(nameof(Target.IdentityCipher)).OriginalValue, Get(nameof(Target.IdentityCipher)))
                ? ", identity replaced" : ", identity recorded";
        return $"{Get(nameof(Target.Pseudonym))} ({((TargetCategory)Get(nameof(Target.Category))!).ToLabel()}, residence {Get(nameof(Target.ResidenceCountry)) ?? "-"}, "
            + $"nationality {Get(nameof(Target.Nationality)) ?? "-"}, {((ConsentStatus)Get(nameof(Target.Consent))!).ToLabel()}, {((Marking)Get(nameof(Record.Marking))!).ToLabel()}{identity})";
    }

    private static string FieldName(string property) => char.ToLowerInvariant(property[0]) + property[1..];

    internal static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        Marking m => m.ToLabel(),
        ReviewStatus s => s.ToLabel(),
        RelationshipType t => t.ToLabel(),
        Confidence c => c.ToLabel(),
        SourceKind k => k.ToLabel(),
        MeasureType t => t.ToLabel(),
        MeasureStage s => s.ToLabel(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
