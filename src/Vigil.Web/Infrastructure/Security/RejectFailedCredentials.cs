using Microsoft.AspNetCore.Authentication;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// A request that sends credentials which do not authenticate (an unknown, expired or revoked API
/// token, or a disabled owner's) is answered 401, not served as the anonymous public: a script whose
/// token stopped working must be told so, not quietly shown less.
/// </summary>
internal sealed class RejectFailedCredentials(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0 && context.User.Identity?.IsAuthenticated != true)
        {
            return context.ChallengeAsync(ApiTokenAuthentication.SchemeName);
        }
        return next(context);
    }
}
