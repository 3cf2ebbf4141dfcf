using Microsoft.EntityFrameworkCore;
using Vigil.Data;

namespace Vigil.Features.Common;

/// <summary>One page of a list, with the total the reader may see (counted through the same filters).</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>Page numbers as clients send them, clamped to what the API serves.</summary>
public static class Paging
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    /// <summary>Checks page (1 or more) and page size (1–200), naming the field at fault.</summary>
    public static (int Page, int PageSize) Normalise(int? page, int? pageSize, ValidationErrors errors)
    {
        if (page is < 1)
        {
            errors.Add("page", "page must be 1 or more.");
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }
        return (Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
    }

    /// <summary>Counts and fetches one page of an ordered query of <paramref name="db"/>.</summary>
    /// <remarks>
    /// The count walks every row the reader may see (100,000 actors: milliseconds on every page turn) and only
    /// changes with the data, so it is kept per data version and kind of reader (<see cref="ReadResults.CountAsync"/>).
    /// </remarks>
    public static async Task<PagedList<T>> ToPageAsync<T>(this IQueryable<T> ordered, VigilDb db, int page, int pageSize, CancellationToken ct)
    {
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        // A page short of its size is the last: the rows before it and its own are all there are, without a count.
        var last = items.Count < pageSize && (items.Count > 0 || page == 1);
        var total = last ? ((page - 1) * pageSize) + items.Count : await ReadResults.CountAsync(db, ordered, ct);
        return new PagedList<T>(items, total, page, pageSize);
    }
}
