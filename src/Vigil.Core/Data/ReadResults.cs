using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Vigil.Data;

/// <summary>
/// Results of heavy analyses (the gap matrix) kept for the current <see cref="DataVersion"/>, per kind of reader
/// (<see cref="Access.Reader.CacheKey"/>, every input of the access rule): a result is computed once per data
/// version, reader kind and question, whichever of page, API or CLI asks. Any save empties it. Small and
/// bounded, because one gap matrix of a large vendor network is megabytes: when full, the oldest half of
/// what is there is dropped. Results are shared between requests, so they must not be changed by callers.
/// The database is part of the key: one process may serve several (the browser tests run one host per test
/// class, side by side), and <see cref="DataVersion"/> is process-wide, so a result must never cross over.
/// Counts (a list's total, a browse page's) are kept the same way in a store of their own, larger because they
/// are small: thousands of filter combinations must not push a gap matrix out.
/// </summary>
public static class ReadResults
{
    private const int MaxEntries = 32;

    private const int MaxCounts = 4096;

    private static Generation s_current = new(-1);

    /// <summary>The result for <paramref name="question"/> as the reader of <paramref name="db"/> sees it, computed if need be.</summary>
    public static async Task<T?> GetOrComputeAsync<T>(VigilDb db, string question, Func<Task<T?>> compute) where T : class
    {
        var (version, generation) = CurrentGeneration();
        var key = KeyOf(db, typeof(T).FullName + "\n" + question);
        if (generation.Entries.TryGetValue(key, out var known))
        {
            return (T?)known;
        }
        var result = await compute();
        Keep(generation.Entries, MaxEntries, version, key, (object?)result);
        return result;
    }

    /// <summary>The number of rows <paramref name="rows"/> holds for the reader of <paramref name="db"/>, counted if need be.</summary>
    /// <remarks>
    /// The question is the query's own SQL with its parameter values (<c>ToQueryString</c>), so every filter, the
    /// access rule's included, is in the key without a caller having to name it: a filter added to a list later
    /// cannot be forgotten by its count.
    /// </remarks>
    public static async Task<int> CountAsync<T>(VigilDb db, IQueryable<T> rows, CancellationToken ct)
    {
        var (version, generation) = CurrentGeneration();
        var key = KeyOf(db, rows.ToQueryString());
        if (generation.Counts.TryGetValue(key, out var known))
        {
            return known;
        }
        var count = await rows.CountAsync(ct);
        Keep(generation.Counts, MaxCounts, version, key, count);
        return count;
    }

    private static (long Version, Generation Generation) CurrentGeneration()
    {
        var version = DataVersion.Current;
        var generation = s_current;
        if (generation.Version != version)
        {
            generation = new Generation(version);
            s_current = generation;
        }
        return (version, generation);
    }

    private static string KeyOf(VigilDb db, string question) =>
        db.Database.GetConnectionString() + "\n" + db.Reader.CacheKey + "\n" + question;

    private static void Keep<TValue>(ConcurrentDictionary<string, TValue> entries, int max, long version, string key, TValue value)
    {
        // Computed under an older version: another save happened meanwhile, keep it out of the new generation.
        if (DataVersion.Current != version)
        {
            return;
        }
        if (entries.Count >= max)
        {
            foreach (var old in entries.Keys.Take(max / 2).ToList())
            {
                entries.TryRemove(old, out _);
            }
        }
        entries.TryAdd(key, value);
    }

    private sealed class Generation(long version)
    {
        public long Version { get; } = version;

        public ConcurrentDictionary<string, object?> Entries { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);
    }
}
