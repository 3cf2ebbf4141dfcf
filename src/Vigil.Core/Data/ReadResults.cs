using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Vigil.Data;

/// <summary>How large one kept result may be, which decides how many of its kind are kept.</summary>
public enum ReadResultSize
{
    /// <summary>Megabytes (a gap matrix of a large vendor network): a few dozen kept.</summary>
    Large,

    /// <summary>Kilobytes (a record page's data, a list's total): a few thousand kept.</summary>
    Small,
}

/// <summary>
/// Results of reads kept for the current <see cref="DataVersion"/>, per kind of reader (<see cref="Access.Reader.CacheKey"/>,
/// every input of the access rule): a result is computed once per data version, reader kind and question, whichever
/// of page, API or CLI asks, and shared by every reader of that kind, signed in or not. What differs per person (a
/// name, form tokens) is never in a result: pages render it around the kept data. Any save empties it.
/// </summary>
/// <remarks>
/// <para>Bounded per <see cref="ReadResultSize"/>: when a store is full, half of what is there is dropped (whichever half
/// the dictionary lists first, not the oldest).
/// Results are shared between requests, so they must not be changed by callers.</para>
/// <para>The database is part of the key: one process may serve several (the browser tests run one host per test
/// class, side by side), and <see cref="DataVersion"/> is process-wide, so a result must never cross over.</para>
/// <para>Nothing is kept from inside a transaction: what it reads may never be committed.</para>
/// </remarks>
public static class ReadResults
{
    private const int MaxLarge = 32;

    private const int MaxSmall = 8192;

    private static Generation s_current = new(-1);

    /// <summary>The result for <paramref name="question"/> as the reader of <paramref name="db"/> sees it, computed if need be.</summary>
    public static Task<T?> GetOrComputeAsync<T>(VigilDb db, string question, Func<Task<T?>> compute, ReadResultSize size = ReadResultSize.Large)
        where T : class =>
        GetOrComputeAsync(db, question, compute, _ => size);

    /// <summary>
    /// As <see cref="GetOrComputeAsync{T}(VigilDb, string, Func{Task{T}}, ReadResultSize)"/>, for a question whose answer
    /// may be large or small (<paramref name="sizeOf"/> tells once it is computed): a small answer kept among the large
    /// would push out, a few dozen at a time, the large ones worth keeping.
    /// </summary>
    public static async Task<T?> GetOrComputeAsync<T>(VigilDb db, string question, Func<Task<T?>> compute, Func<T?, ReadResultSize> sizeOf)
        where T : class
    {
        var (version, generation) = CurrentGeneration();
        var key = KeyOf(db, typeof(T).FullName + "\n" + question);
        if (generation.Small.TryGetValue(key, out var known) || generation.Large.TryGetValue(key, out known))
        {
            return (T?)known;
        }
        var result = await compute();
        if (sizeOf(result) == ReadResultSize.Large)
        {
            Keep(db, generation.Large, MaxLarge, version, key, result);
        }
        else
        {
            Keep(db, generation.Small, MaxSmall, version, key, result);
        }
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
        var key = KeyOf(db, "count\n" + rows.ToQueryString());
        if (generation.Small.TryGetValue(key, out var known))
        {
            return (int)known!;
        }
        var count = await rows.CountAsync(ct);
        Keep(db, generation.Small, MaxSmall, version, key, count);
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

    private static void Keep(VigilDb db, ConcurrentDictionary<string, object?> store, int max, long version, string key, object? value)
    {
        // Computed under an older version (another save happened meanwhile), or inside a transaction that may
        // yet roll back: keep it out.
        if (DataVersion.Current != version || db.Database.CurrentTransaction is not null)
        {
            return;
        }
        if (store.Count >= max)
        {
            foreach (var old in store.Keys.Take(max / 2).ToList())
            {
                store.TryRemove(old, out _);
            }
        }
        store.TryAdd(key, value);
    }

    private sealed class Generation(long version)
    {
        public long Version { get; } = version;

        public ConcurrentDictionary<string, object?> Large { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, object?> Small { get; } = new(StringComparer.Ordinal);
    }
}
