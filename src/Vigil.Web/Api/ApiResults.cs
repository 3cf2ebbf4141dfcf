using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Common;

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

    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> Updated<T>(WriteResult<T> result, string what, string idOrSlug) where T : class =>
        result.Status switch
        {
            WriteStatus.Updated => TypedResults.Ok(result.Value!),
            WriteStatus.Invalid => TypedResults.ValidationProblem(result.Errors!),
            _ => ErrorProblem(result, what, idOrSlug),
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
