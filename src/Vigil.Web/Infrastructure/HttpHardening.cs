using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Vigil.Web.Infrastructure;

/// <summary>
/// Answers the pipeline owes whatever the route: a URL longer than Vigil reads is refused with a
/// ProblemDetails 414 (Kestrel's own 414 is a bare page, so Kestrel's limit is set above ours and the
/// pipeline answers first), and every answer to a signed-in reader — by cookie or by token — is
/// <c>Cache-Control: private, no-store</c>, so no shared or browser cache keeps what their clearance showed.
/// </summary>
public static class HttpHardening
{
    /// <summary>The longest path and query Vigil reads, in characters.</summary>
    public const int MaxUrlLength = 8 * 1024;

    /// <summary>Kestrel's own request-line limit: above <see cref="MaxUrlLength"/>, so that the pipeline's ProblemDetails answers.</summary>
    public const int KestrelRequestLineLimit = 64 * 1024;

    public static IServiceCollection AddVigilHttpLimits(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestLineSize = KestrelRequestLineLimit);

    /// <summary>First in the pipeline: refuses a URL too long with a ProblemDetails naming the limit.</summary>
    public static IApplicationBuilder UseUrlLengthLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var length = context.Request.Path.Value?.Length + context.Request.QueryString.Value?.Length ?? 0;
        if (length > MaxUrlLength)
        {
            context.Response.StatusCode = StatusCodes.Status414UriTooLong;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status414UriTooLong,
                    Title = "The address is too long.",
                    Detail = $"The path and query are {length} characters; Vigil reads at most {MaxUrlLength}.",
                },
            });
            return;
        }
        await next(context);
    });

    /// <summary>
    /// Marks every answer to a signed-in reader private and not to be stored. Registered before authentication
    /// on purpose: response-start callbacks run last-registered-first, and the cookie handler and antiforgery
    /// write their own "no-cache" headers; registered first, this one runs last and its word stands. Whether the
    /// reader signed in is read when the answer starts, after authentication ran.
    /// </summary>
    public static IApplicationBuilder UseNoStoreForSignedInReaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                context.Response.Headers.CacheControl = "private, no-store";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
