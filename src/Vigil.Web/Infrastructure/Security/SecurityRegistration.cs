using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Vigil.Access;
using Vigil.Security;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>Web settings about security (<c>Vigil:Web</c>).</summary>
public sealed class WebSecurityOptions
{
    public const string Section = "Vigil:Web";

    /// <summary>
    /// A folder for the data-protection keys. Empty (the default): the keys live in the database, which
    /// is what several web nodes behind one PostgreSQL need.
    /// </summary>
    public string? KeysDirectory { get; set; }

    /// <summary>
    /// The data-protection key ring as one file, mode 600. Empty (the default): <c>data-protection-keys.xml</c>
    /// beside the SQLite database; on PostgreSQL the keys stay in the shared database unless this is set
    /// (to a file every node mounts).
    /// </summary>
    public string? KeyRingFile { get; set; }

    /// <summary>
    /// Trust X-Forwarded-For/-Proto from a reverse proxy (TLS terminated in front of Vigil), so that
    /// cookies are marked Secure, HSTS is sent and rate limits see the real client address.
    /// </summary>
    public bool BehindProxy { get; set; }

    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;
}

/// <summary>Accounts, sign-in, API tokens, the request's reader, rate limits and data protection.</summary>
internal static class SecurityRegistration
{
    /// <summary>The rate-limit policy on the sign-in pages.</summary>
    public const string SignInLimit = "sign-in";

    public static IServiceCollection AddVigilSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var web = configuration.GetSection(WebSecurityOptions.Section).Get<WebSecurityOptions>() ?? new WebSecurityOptions();
        services.Configure<WebSecurityOptions>(configuration.GetSection(WebSecurityOptions.Section));

        services.AddVigilAccounts()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddSingleton<ApiTokenCache>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthenticationSchemes.Default;
                o.DefaultChallengeScheme = AuthenticationSchemes.Default;
            })
            .AddPolicyScheme(AuthenticationSchemes.Default, "Session or API token", o => o.ForwardDefaultSelector = AuthenticationSchemes.Select)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "vigil.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request came over TLS (directly, or through a proxy with BehindProxy).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/status/403";
            // The API answers 401/403 instead of redirecting to the sign-in page.
            o.Events.OnRedirectToLogin = c => ApiOrRedirect(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => ApiOrRedirect(c, StatusCodes.Status403Forbidden);
        });
        services.ConfigureExternalCookie(o => o.Cookie.SameSite = SameSiteMode.Strict);
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
            o.Secure = CookieSecurePolicy.SameAsRequest;
        });
        // Checked on every request, so that a disabled account or a changed role ends the session at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "vigil.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddHttpContextAccessor();
        services.AddScoped<IReaderAccessor, RequestReaderAccessor>();
        services.AddScoped<SignInFlow>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The limit is read from the options when a partition is made (not at registration), so that
            // settings added after the services are registered (a test host's) still count.
            o.AddPolicy(SignInLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, context.RequestServices.GetRequiredService<IOptions<WebSecurityOptions>>().Value.SignInAttemptsPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });

        var protection = services.AddDataProtection().SetApplicationName("Vigil");
        if (!string.IsNullOrWhiteSpace(web.KeysDirectory))
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(web.KeysDirectory));
        }
        else
        {
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            {
                var file = FileKeyRing.ResolvePath(web, sp.GetRequiredService<IOptions<Vigil.Data.DatabaseOptions>>().Value);
                var scopes = sp.GetRequiredService<IServiceScopeFactory>();
                return new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = file is null ? new DatabaseKeyRepository(scopes) : new FileKeyRing(file, scopes));
            });
            var database = configuration.GetSection(Vigil.Data.DatabaseOptions.Section).Get<Vigil.Data.DatabaseOptions>() ?? new Vigil.Data.DatabaseOptions();
            if (FileKeyRing.ResolvePath(web, database) is not null)
            {
                // In a file, the key ring is protected by the file's mode (600, the server's user only), not by
                // an XML encryptor: there is no other secret on the machine to encrypt it with. Data protection
                // warns about that on every start ("No XML encryptor configured"); here the warning is answered.
                services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error));
            }
        }

        if (web.BehindProxy)
        {
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                // The proxy is the operator's: trust whichever forwards to us (documented in the README).
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
            });
        }
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
