using Microsoft.AspNetCore.Identity;
using Vigil.Access;
using Vigil.Security;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// The reader of a request: the signed-in person (session cookie or API token) as
/// <see cref="AccountReaders"/> makes them, or the anonymous public. One more rule lives here because
/// it is about the transport, not the person: a browser session may read the API but not write through
/// it (writes from a page go through its forms, which carry an antiforgery token; API writes need an
/// API token, which a hostile page cannot make the browser send). The same holds for revealing a
/// target's identity: a browser session reveals through the incident page's form (antiforgery token),
/// never through the API, so its victim-data permission is dropped on API posts.
/// </summary>
internal sealed class RequestReaderAccessor(IHttpContextAccessor http) : IReaderAccessor
{
    private Reader? _reader;

    public Reader Current => _reader ??= Resolve();

    private Reader Resolve()
    {
        var context = http.HttpContext;
        if (context is null)
        {
            return Reader.Anonymous;
        }
        var reader = AccountReaders.FromPrincipal(context.User);
        var viaCookie = context.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme;
        if (viaCookie && context.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return reader with { CanEdit = false, CanReview = false, IsAdmin = false, SeesVictimData = false };
        }
        return reader;
    }
}
