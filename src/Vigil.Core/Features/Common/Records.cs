using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Features.Common;

/// <summary>Finding records by the key clients use, and saving updates under optimistic concurrency.</summary>
public static class Records
{
    /// <summary>
    /// Records whose slug is <paramref name="idOrSlug"/>, or whose id it is when it is a number. Applied
    /// to a filtered set, so a hidden record is simply not found.
    /// </summary>
    public static IQueryable<T> ByIdOrSlug<T>(this IQueryable<T> set, string idOrSlug) where T : Record
    {
        var key = idOrSlug.Trim();
        return long.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? set.Where(r => r.Id == id || r.Slug == key)
            : set.Where(r => r.Slug == key);
    }

    /// <summary>
    /// Saves changes to a tracked <paramref name="record"/> the client edited from
    /// <paramref name="submittedVersion"/>. A different stored version, or another writer saving first
    /// (the database's concurrency check), is a conflict carrying both the stored record and the submission;
    /// nothing is written then.
    /// </summary>
    public static async Task<WriteResult<T>> SaveUpdateAsync<T>(
        VigilDb db, Record record, int submittedVersion, object submitted, Func<Task<T?>> reload, CancellationToken ct)
        where T : class
    {
        if (record.Version != submittedVersion)
        {
            db.ChangeTracker.Clear();
            return WriteResult<T>.Conflict((await reload())!, submitted);
        }
        db.Entry(record).Property(r => r.Version).OriginalValue = submittedVersion;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await reload();
            return current is null ? WriteResult<T>.NotFound() : WriteResult<T>.Conflict(current, submitted);
        }
        db.ChangeTracker.Clear();
        return WriteResult<T>.Updated((await reload())!);
    }
}
