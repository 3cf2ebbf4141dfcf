using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Common;
using Vigil.Features.Review;

namespace Vigil.Web.Api;

/// <summary>Turns use-case outcomes into HTTP answers. Every error is a ProblemDetails (application/problem+json).</summary>
internal static class ApiResults
{
    public static ProblemHttpResult NotFound(string what, string idOrSlug) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Not found",
        // The same words for hidden and missing records: the answer must not reveal that a hidden one exists.
        detail: $"There is no {what} '{idOrSlug}'.");

    public static ProblemHttpResult Forbidden() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "You may read but not change records.");

    public static Results<Ok<PagedList<T>>, ValidationProblem> List<T>(ListResult<T> result) =>
        result.Page is not null ? TypedResults.Ok(result.Page) : TypedResults.ValidationProblem(result.Errors!);

    public static Results<Ok<T>, ProblemHttpResult> Get<T>(T? value, string what, string idOrSlug) where T : class =>
        value is not null ? TypedResults.Ok(value) : NotFound(what, idOrSlug);

    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> Created<T>(WriteResult<T> result, Func<T, string> location) where T : class =>
        result.Status switch
        {
            WriteStatus.Created => TypedResults.Created(location(result.Value!), result.Value),
            _ => Error(result, "record", ""),
        };

    public static Results<Ok<T>, Accepted<T>, ValidationProblem, ProblemHttpResult> Updated<T>(WriteResult<T> result, string what, string idOrSlug) where T : class =>
        result.Status switch
        {
            WriteStatus.Updated => TypedResults.Ok(result.Value!),
            // A published record is not overwritten: the change waits in the review queue, the record is unchanged.
            WriteStatus.Pending => TypedResults.Accepted("/api/v1/reviews", result.Value!),
            WriteStatus.Invalid => TypedResults.ValidationProblem(result.Errors!),
            _ => ErrorProblem(result, what, idOrSlug),
        };

    /// <summary>The record, or for a retracted one the reader could see when it was published, 410 with its tombstone.</summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> GetOrGoneAsync<T>(T? value, Func<Task<TombstoneView?>> tombstone, string what, string idOrSlug) where T : class
    {
        if (value is not null)
        {
            return TypedResults.Ok(value);
        }
        return await tombstone() is { } gone ? Gone(gone) : NotFound(what, idOrSlug);
    }

    public static ProblemHttpResult Gone(TombstoneView t) => TypedResults.Problem(
        statusCode: StatusCodes.Status410Gone, title: "Retracted",
        detail: $"The {t.Type} '{t.Label}' was retracted on {t.RetractedAt:yyyy-MM-dd}: {t.Reason}",
        extensions: new Dictionary<string, object?> { ["slug"] = t.Slug, ["label"] = t.Label, ["retractedAt"] = t.RetractedAt, ["reason"] = t.Reason });

    /// <summary>The answer to a review step.</summary>
    public static Results<Ok<ReviewedRecord>, ValidationProblem, ProblemHttpResult> Step(ReviewResult result, string what, string idOrSlug) => result.Outcome switch
    {
        ReviewOutcome.Done => TypedResults.Ok(result.Record!),
        ReviewOutcome.Invalid => TypedResults.ValidationProblem(result.Errors ?? new Dictionary<string, string[]>(), result.Detail),
        ReviewOutcome.NotFound => NotFound(what, idOrSlug),
        ReviewOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Detail),
        ReviewOutcome.SelfReview => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Own change", detail: result.Detail),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Review conflict", detail: result.Detail),
    };

    private static Results<Created<T>, ValidationProblem, ProblemHttpResult> Error<T>(WriteResult<T> result, string what, string idOrSlug) where T : class =>
        result.Status == WriteStatus.Invalid ? TypedResults.ValidationProblem(result.Errors!) : ErrorProblem(result, what, idOrSlug);

    private static ProblemHttpResult ErrorProblem<T>(WriteResult<T> result, string what, string idOrSlug) where T : class => result.Status switch
    {
        WriteStatus.Forbidden => Forbidden(),
        WriteStatus.NotFound => NotFound(what, idOrSlug),
        WriteStatus.Conflict => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict, title: "Edit conflict",
            detail: $"The {what} was changed by someone else since you read it (your version {SubmittedVersion(result.Submitted)}, now {VersionOf(result.Current)}). Nothing was saved: compare 'current' with 'submitted' and send your change again with the current version.",
            extensions: new Dictionary<string, object?> { ["current"] = result.Current, ["submitted"] = result.Submitted }),
        _ => throw new InvalidOperationException($"Unexpected write outcome {result.Status}."),
    };

    private static object? SubmittedVersion(object? submitted) => submitted?.GetType().GetProperty("Version")?.GetValue(submitted);

    private static object? VersionOf(object? current) => current?.GetType().GetProperty("Version")?.GetValue(current);
}
