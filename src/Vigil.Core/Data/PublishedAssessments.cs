using Microsoft.EntityFrameworkCore;
using Vigil.Model;

namespace Vigil.Data;

/// <summary>
/// A published assessment is a public judgement that later quarters and other people rely on: it is never
/// overwritten or deleted. A correction is a new assessment (the next edition) that supersedes it; the
/// only change a published assessment takes is its retraction through review. Checked on every save, so
/// no handler, import or page can forget it.
/// </summary>
public static class PublishedAssessments
{
    private static readonly HashSet<string> s_mayChange =
        [nameof(Record.Status), nameof(Record.UpdatedAt), nameof(Record.UpdatedBy), nameof(Record.Version)];

    /// <summary>Throws when the tracker holds a change to a published assessment other than its retraction.</summary>
    public static void RefuseChanges(DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<Assessment>())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Deleted)
                || entry.Property(a => a.Status).OriginalValue != ReviewStatus.Published)
            {
                continue;
            }
            var changed = entry.State == EntityState.Deleted
                ? ["(deleted)"]
                : entry.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue) && !s_mayChange.Contains(p.Metadata.Name))
                    .Select(p => p.Metadata.Name).ToList();
            var retracting = entry.State == EntityState.Modified && entry.Entity.Status == ReviewStatus.Retracted;
            if (changed.Count > 0 || (entry.State == EntityState.Modified && !retracting && entry.Entity.Status != ReviewStatus.Published))
            {
                throw new InvalidOperationException(
                    $"Assessment {entry.Entity.Slug} is published and cannot be changed ({string.Join(", ", changed.DefaultIfEmpty("status"))}): file a correction, which publishes as a new edition.");
            }
        }
    }
}
