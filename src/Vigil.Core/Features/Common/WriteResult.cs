namespace Vigil.Features.Common;

/// <summary>How a create or update ended.</summary>
public enum WriteStatus
{
    Created,
    Updated,
    /// <summary>The input broke a rule; <see cref="WriteResult{T}.Errors"/> names each field.</summary>
    Invalid,
    /// <summary>No such record visible to the writer (hidden and missing are not told apart).</summary>
    NotFound,
    /// <summary>The reader may not write.</summary>
    Forbidden,
    /// <summary>The record changed since the client read it: both versions are returned.</summary>
    Conflict,
    /// <summary>
    /// The record is published, so the change was not applied: it waits for a reviewer
    /// (<see cref="WriteResult{T}.ChangeId"/>); <see cref="WriteResult{T}.Value"/> is the record as it still is.
    /// </summary>
    Pending,
}

/// <summary>The outcome of a write use case, which the API (or a page, or the CLI) turns into its own answer.</summary>
public sealed record WriteResult<T>(WriteStatus Status, T? Value = default, IReadOnlyDictionary<string, string[]>? Errors = null, T? Current = default, object? Submitted = null)
    where T : class
{
    /// <summary>For <see cref="WriteStatus.NotFound"/>: what was not found, when it is not the record written ("incident 'x'").</summary>
    public string? Missing { get; init; }

    /// <summary>The pending change made by an update of a published record.</summary>
    public long? ChangeId { get; init; }

    public static WriteResult<T> Pending(T value, long changeId) => new(WriteStatus.Pending, value) { ChangeId = changeId };

    public static WriteResult<T> Created(T value) => new(WriteStatus.Created, value);

    public static WriteResult<T> Updated(T value) => new(WriteStatus.Updated, value);

    public static WriteResult<T> Invalid(ValidationErrors errors) => new(WriteStatus.Invalid, Errors: errors.ToDictionary());

    public static WriteResult<T> NotFound() => new(WriteStatus.NotFound);

    public static WriteResult<T> Forbidden() => new(WriteStatus.Forbidden);

    /// <summary>A conflict: <paramref name="current"/> is the stored record, <paramref name="submitted"/> what the client sent.</summary>
    public static WriteResult<T> Conflict(T current, object submitted) => new(WriteStatus.Conflict, Current: current, Submitted: submitted);
}

/// <summary>The outcome of a list query: a page, or the filters at fault.</summary>
public sealed record ListResult<T>(PagedList<T>? Page, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static ListResult<T> Invalid(ValidationErrors errors) => new(null, errors.ToDictionary());
}
