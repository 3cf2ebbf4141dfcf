namespace Vigil.Web.Infrastructure;

/// <summary>The request pipeline: errors as ProblemDetails, security headers, static files, routing, sign-in.</summary>
public static class Pipeline
{
    public static WebApplication UseVigilPipeline(this WebApplication app)
    {
        var web = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Security.WebSecurityOptions>>().Value;
        if (web.BehindProxy)
        {
            app.UseForwardedHeaders();
        }
        app.UseUrlLengthLimit();
        // No stack traces or internal ids leave the server: API callers get ProblemDetails, people a page.
        // A request Kestrel finds malformed once the pipeline runs (a bad body, one too large) keeps its 4xx.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            pages.UseExceptionHandler("/error");
            // Unknown and hidden records answer the same 404 page: the two are never distinguishable.
            pages.UseStatusCodePagesWithReExecute("/status/{0}");
        });
        app.UseMiddleware<SecurityHeaders>();
        // HSTS only where the request came over TLS (HstsMiddleware skips plain HTTP and localhost).
        app.UseHsts();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseNoStoreForSignedInReaders();
        app.UseAuthentication();
        app.UseMiddleware<Security.RejectFailedCredentials>();
        app.UseAuthorization();
        app.UseAntiforgery();
        // After sign-in: the cache must know whether the request reads as someone (PublicReadCachePolicy).
        app.UseOutputCache();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows no inline script or style:
/// pages load their scripts and styles from /lib, /js and /css only.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Csp;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}
