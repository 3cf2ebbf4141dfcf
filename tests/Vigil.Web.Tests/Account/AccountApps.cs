using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Security;
using Vigil.Testing;

namespace Vigil.Web.Tests.Account;

/// <summary>
/// The app for sign-in tests: no starter data, and a sign-in rate limit high enough that the tests of
/// one class (which share a client address) never meet it; <see cref="RateLimitedApp"/> tests the limit.
/// </summary>
public abstract class AccountApp : VigilApp
{
    protected override bool Seed => false;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("Vigil:Web:SignInAttemptsPerMinute", "10000")];

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public SignInClient CreateSignInClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }));

    /// <summary>Turns two-factor on for <paramref name="userName"/> with a fresh authenticator key, and returns the key.</summary>
    public Task<string> SetUpTwoFactorAsync(string userName) => InScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<Vigil.Security.Account>>();
        var account = (await users.FindByNameAsync(userName))!;
        await users.ResetAuthenticatorKeyAsync(account);
        await users.SetTwoFactorEnabledAsync(account, true);
        return (await users.GetAuthenticatorKeyAsync(account))!;
    });

    /// <summary>The audit entries about <paramref name="event"/>, oldest first.</summary>
    public Task<List<AuditEntry>> AuditAsync(string @event) => InScopeAsync(sp =>
        sp.GetRequiredService<SecurityDb>().AuditLog.AsNoTracking().Where(e => e.Event == @event).OrderBy(e => e.Id).ToListAsync());

    /// <summary>Runs an account change as the CLI or an admin would.</summary>
    public Task<AccountResult> ChangeAsync(Func<Accounts, Task<AccountResult>> change) =>
        InScopeAsync(sp => change(sp.GetRequiredService<Accounts>()));
}

public sealed class SqliteAccountApp : AccountApp
{
    public override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class PostgresAccountApp : AccountApp
{
    public override DatabaseKind Kind => DatabaseKind.Postgres;
}

/// <summary>The app with a sign-in limit of three requests a minute.</summary>
public abstract class RateLimitedApp : AccountApp
{
    public const int Limit = 3;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("Vigil:Web:SignInAttemptsPerMinute", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

public sealed class SqliteRateLimitedApp : RateLimitedApp
{
    public override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class PostgresRateLimitedApp : RateLimitedApp
{
    public override DatabaseKind Kind => DatabaseKind.Postgres;
}

/// <summary>
/// A person at a browser, without the browser: fetches a page, takes its antiforgery token, and posts
/// its form, keeping the cookies between requests.
/// </summary>
public sealed partial class SignInClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path, Ct);

    public async Task<string> PageAsync(string path)
    {
        var response = await GetAsync(path);
        var html = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{path} should render; got {html[..Math.Min(500, html.Length)]}");
        html.Should().NotContain("style=", "the CSP allows no inline styles");
        return html;
    }

    /// <summary>Fetches <paramref name="formPage"/> for its antiforgery token, then posts <paramref name="fields"/> to <paramref name="action"/> (default: the same page).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var html = await (await GetAsync(formPage)).Content.ReadAsStringAsync(Ct);
        var token = AntiforgeryField().Match(html);
        token.Success.Should().BeTrue($"{formPage} should carry an antiforgery token");
        var form = fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await Http.PostAsync(action ?? formPage, new FormUrlEncodedContent(form), Ct);
    }

    /// <summary>Signs in with a password; returns the response (a redirect when it worked).</summary>
    public Task<HttpResponseMessage> SignInAsync(string userName, string password = VigilApp.TestPassword, string? returnUrl = null) =>
        PostFormAsync("/account/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)),
            [new("UserName", userName), new("Password", password)]);

    /// <summary>Signs in with a password and the current authenticator code; fails the test if it does not work.</summary>
    public async Task SignInWithTwoFactorAsync(string userName, string key)
    {
        var first = await SignInAsync(userName);
        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        first.Headers.Location!.OriginalString.Should().StartWith("/account/login-2fa");
        var second = await PostFormAsync("/account/login-2fa", [new("Code", Totp.NextCode(key))]);
        second.StatusCode.Should().Be(HttpStatusCode.Redirect, await second.Content.ReadAsStringAsync(Ct));
    }

    public async Task SignOutAsync()
    {
        var response = await PostFormAsync("/account", [], "/account/logout");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    public static Task<string> TextAsync(HttpResponseMessage response) => response.Content.ReadAsStringAsync(Ct);

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
