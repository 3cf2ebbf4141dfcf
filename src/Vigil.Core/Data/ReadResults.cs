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
/// </summary>
public static class ReadResults
{
    private const int MaxEntries = 32;

    private static Generation s_current = new(-1);

    /// <summary>The result for <paramref name="question"/> as the reader of <paramref name="db"/> sees it, computed if need be.</summary>
    public static async Task<T?> GetOrComputeAsync<T>(VigilDb db, string question, Func<Task<T?>> compute) where T : class
    {
        var version = DataVersion.Current;
        var generation = s_current;
        if (generation.Version != version)
        {
            generation = new Generation(version);
            s_current = generation;
        }
        var key = db.Database.GetConnectionString() + "\n" + db.Reader.CacheKey + "\n" + typeof(T).FullName + "\n" + question;
        if (generation.Entries.TryGetValue(key, out var known))
        {
            return (T?)known;
        }
        var result = await compute();
        // Computed under an older version: another save happened meanwhile, keep it out of the new generation.
        if (DataVersion.Current == version)
        {
            if (generation.Entries.Count >= MaxEntries)
            {
                foreach (var old in generation.Entries.Keys.Take(MaxEntries / 2).ToList())
                {
                    generation.Entries.TryRemove(old, out _);
                }
            }
            generation.Entries.TryAdd(key, result);
        }
        return result;
    }

    private sealed class Generation(long version)
    {
        public long Version { get; } = version;

        public ConcurrentDictionary<string, object?> Entries { get; } = new(StringComparer.Ordinal);
    }
}
