using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Vigil.Security;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer vgl_…</c> with a personal API token. The principal carries
/// the owner's claims (as a session would) plus the token's scope, which <see cref="AccountReaders"/>
/// reads: a read-only token never writes, whatever its owner may do.
/// </summary>
internal sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokens tokens, IUserClaimsPrincipalFactory<Account> principals, ApiTokenCache remembered)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationSchemes.TryReadBearer(Request, out var secret))
        {
            return AuthenticateResult.NoResult();
        }
        if (remembered.TryGet(secret, out var known))
        {
            return Success(known);
        }
        // Read before the look-up: a change to accounts made meanwhile leaves the entry stale, never trusted.
        var version = SecurityDb.Version;
        var found = await tokens.AuthenticateAsync(secret, Context.RequestAborted);
        if (found is not { } valid)
        {
            // Deliberately vague: unknown, expired, revoked and disabled all read the same.
            return AuthenticateResult.Fail("The API token is not valid.");
        }
        // The owner's claims, under this scheme's name (the reader accessor tells sessions from tokens by it).
        var claims = (await principals.CreateAsync(valid.Account)).Claims
            .Append(new Claim(AccountReaders.ScopeClaim, ApiTokens.ScopeLabel(valid.Token.Scope))).ToList();
        remembered.Put(secret, claims, valid.Token.ExpiresAt, version);
        return Success(claims);
    }

    private AuthenticateResult Success(IEnumerable<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"vigil\"";
        return Task.CompletedTask;
    }
}

/// <summary>The authentication schemes and how a request picks one.</summary>
internal static class AuthenticationSchemes
{
    /// <summary>The default scheme: a bearer token when the request carries one, else the session cookie.</summary>
    public const string Default = "Vigil";

    public static bool TryReadBearer(HttpRequest request, out string secret)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            secret = header["Bearer ".Length..].Trim();
            return secret.Length > 0;
        }
        secret = "";
        return false;
    }

    public static string Select(HttpContext context) =>
        context.Request.Headers.Authorization.Count > 0 ? ApiTokenAuthentication.SchemeName : IdentityConstants.ApplicationScheme;
}
