using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Vigil.Web.Pages.Account;
using Vigil.Web.Tests.Api;
using Xunit;

namespace Vigil.Web.Tests.Account;

/// <summary>Signing in and out, two-factor, lockout, and sessions ending when permissions change, through the real app.</summary>
public abstract partial class SignInTests<TApp>(TApp app) : IAsyncLifetime where TApp : AccountApp
{
    private readonly List<SignInClient> _clients = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        TestDatabase.RequireAvailable(app.Kind);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private SignInClient NewClient()
    {
        var client = app.CreateSignInClient();
        _clients.Add(client);
        return client;
    }

    private static string Unique(string stem) => $"{stem}-{Guid.NewGuid():N}"[..(stem.Length + 9)];

    [Fact]
    public async Task Anonymous_SeesSignInLink_AndAccountPageSendsToSignIn()
    {
        var client = NewClient();
        (await client.PageAsync("/")).Should().Contain("href=\"/account/login\"");
        var account = await client.GetAsync("/account");
        account.StatusCode.Should().Be(HttpStatusCode.Redirect);
        account.Headers.Location!.ToString().Should().Contain("/account/login");
    }

    [Fact]
    public async Task PasswordSignIn_ShowsNameAndRoles_AndIsAudited_WithoutThePassword()
    {
        var name = Unique("reader");
        await app.CreateAccountAsync(name, [Roles.Reader], Marking.Green, twoFactor: false);
        var client = NewClient();

        var response = await client.SignInAsync(name, returnUrl: "/countries");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/countries");

        var page = await client.PageAsync("/account");
        page.Should().Contain(name).And.Contain("TLP:GREEN").And.Contain("reader");
        page.Should().NotContain("not in force", "a reader needs no two-factor");
        (await app.AuditAsync(AuditEvents.SignIn)).Should().Contain(e => e.Actor == name && e.Detail == "method=password");

        await client.SignOutAsync();
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await app.AuditAsync(AuditEvents.SignOut)).Should().Contain(e => e.Actor == name);
    }

    [Fact]
    public async Task SignIn_NeverRedirectsOffSite()
    {
        var name = Unique("reader");
        await app.CreateAccountAsync(name, [Roles.Reader], twoFactor: false);
        var response = await NewClient().SignInAsync(name, returnUrl: "https://evil.example/");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var client = NewClient();
        var response = await client.Http.PostAsync("/account/login",
            new FormUrlEncodedContent([new("UserName", "anyone"), new("Password", "whatever it is")]), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SignInClient.TextAsync(response)).Should().Contain("Form not accepted", "a readable page, not a blank 400")
            .And.Contain("reload the page");
    }

    [Theory]
    [InlineData("/review")]
    [InlineData("/review/submit")]
    [InlineData("/actors/new")]
    [InlineData("/relationships/new")]
    [InlineData("/products/new")]
    [InlineData("/endorsements/new")]
    [InlineData("/sources/new")]
    [InlineData("/measures/new")]
    [InlineData("/incidents/new")]
    [InlineData("/matches")]
    [InlineData("/cite?subject=actor:nso-group")]
    public async Task WorkPages_AfterTheSessionEnded_AskToSignIn_AndStayHiddenFromReaders(string path)
    {
        var anonymous = await NewClient().GetAsync(path);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Redirect, "a session that ended is asked to sign in again, not told 404");
        anonymous.Headers.Location!.ToString().Should().Contain("/account/login").And.Contain("ReturnUrl=" + Uri.EscapeDataString(path));

        var name = Unique("reader");
        await app.CreateAccountAsync(name, [Roles.Reader], twoFactor: false);
        var reader = NewClient();
        await reader.SignInAsync(name);
        (await reader.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a signed-in reader has no work pages");
    }

    [Fact]
    public async Task Logout_ByGet_DoesNothing()
    {
        var name = Unique("reader");
        await app.CreateAccountAsync(name, [Roles.Reader], twoFactor: false);
        var client = NewClient();
        await client.SignInAsync(name);
        (await client.GetAsync("/account/logout")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK, "a link cannot sign anyone out");
    }

    [Fact]
    public async Task TwoFactor_SetUpInTheUi_ThenEverySignInAsksForTheCode_AndAWrongCodeIsRefused()
    {
        var name = Unique("editor");
        await app.CreateAccountAsync(name, [Roles.Editor], twoFactor: false);
        var client = NewClient();

        // An editor without two-factor is sent to set it up, and told the role waits for it.
        var first = await client.SignInAsync(name, returnUrl: "/countries");
        first.Headers.Location!.OriginalString.Should().Be("/account/two-factor");
        (await client.PageAsync("/")).Should().Contain("Your editor role is").And.Contain("not in force until you set up two-factor authentication");

        var setUp = await client.PageAsync("/account/two-factor");
        var key = KeyIn(setUp);
        setUp.Should().Contain($"otpauth://totp/Vigil:{name}?secret={key}&amp;issuer=Vigil&amp;digits=6");

        var wrong = await client.PostFormAsync("/account/two-factor", [new("Code", Totp.WrongCode(key))], "/account/two-factor?handler=Verify");
        (await SignInClient.TextAsync(wrong)).Should().Contain("That code is not right");

        var setUpCode = Totp.NextCode(key);
        var done = await client.PostFormAsync("/account/two-factor", [new("Code", setUpCode)], "/account/two-factor?handler=Verify");
        var codes = RecoveryCodesIn(await SignInClient.TextAsync(done));
        codes.Should().HaveCount(10);
        (await app.AuditAsync(AuditEvents.TwoFactorEnabled)).Should().Contain(e => e.Actor == name);
        // The refreshed session carries the two-factor claim: the role is in force at once.
        (await client.PageAsync("/account")).Should().NotContain("not in force");
        (await client.PageAsync("/account/two-factor")).Should().NotContain(key, "the key is shown only while setting up");

        await client.SignOutAsync();
        var again = await client.SignInAsync(name);
        again.Headers.Location!.OriginalString.Should().StartWith("/account/login-2fa");
        var refused = await client.PostFormAsync("/account/login-2fa", [new("Code", Totp.WrongCode(key))]);
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await SignInClient.TextAsync(refused)).Should().Contain("That code is not right");
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.Redirect, "a wrong code signs nobody in");
        (await app.AuditAsync(AuditEvents.SignInFailed)).Should().Contain(e => e.Detail == $"user={name} step=authenticator");

        // A code works once: the one used to set up two-factor is refused now, though still current.
        var replayed = await client.PostFormAsync("/account/login-2fa", [new("Code", setUpCode)]);
        (await SignInClient.TextAsync(replayed)).Should().Contain("That code is not right");

        var accepted = await client.PostFormAsync("/account/login-2fa", [new("Code", Totp.NextCode(key))]);
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        accepted.Headers.Location!.OriginalString.Should().Be("/");
        var account = await client.PageAsync("/account");
        account.Should().Contain("10 recovery codes left").And.NotContain("not in force");
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        var name = Unique("reviewer");
        await app.CreateAccountAsync(name, [Roles.Reviewer], twoFactor: false);
        var key = await app.SetUpTwoFactorAsync(name);
        var client = NewClient();
        await client.SignInWithTwoFactorAsync(name, key);
        var codes = RecoveryCodesIn(await SignInClient.TextAsync(
            await client.PostFormAsync("/account/two-factor", [], "/account/two-factor?handler=RecoveryCodes")));
        codes.Should().HaveCount(10);
        await client.SignOutAsync();

        (await client.SignInAsync(name)).Headers.Location!.OriginalString.Should().StartWith("/account/login-2fa");
        var used = await client.PostFormAsync("/account/login-recovery", [new("Code", codes[0])]);
        used.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.PageAsync("/account")).Should().Contain("9 recovery codes left");
        (await app.AuditAsync(AuditEvents.RecoveryCodeUsed)).Should().Contain(e => e.Actor == name && e.Detail == "codes-left=9");
        await client.SignOutAsync();

        await client.SignInAsync(name);
        var again = await client.PostFormAsync("/account/login-recovery", [new("Code", codes[0])]);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await SignInClient.TextAsync(again)).Should().Contain("not right, or it has been used already");
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenForTheRightOne_AndAreAudited()
    {
        var name = Unique("reader");
        await app.CreateAccountAsync(name, [Roles.Reader], twoFactor: false);
        var client = NewClient();
        const string wrong = "not my password at all";

        for (var i = 1; i <= 4; i++)
        {
            var text = await SignInClient.TextAsync(await client.SignInAsync(name, wrong));
            text.Should().Contain("The user name or password is not right.");
        }
        (await SignInClient.TextAsync(await client.SignInAsync(name, wrong))).Should().Contain(LoginModel.Vague);
        var right = await client.SignInAsync(name);
        right.StatusCode.Should().Be(HttpStatusCode.OK);
        var locked = await SignInClient.TextAsync(right);
        locked.Should().Contain(LoginModel.Vague, "locked, yet the right password does not get in");
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var failed = (await app.AuditAsync(AuditEvents.SignInFailed)).Where(e => e.Detail.Contains($"user={name} ", StringComparison.Ordinal)).ToList();
        failed.Should().HaveCount(4);
        failed.Should().OnlyContain(e => !e.Detail.Contains(wrong, StringComparison.Ordinal), "the password tried is never written down");
        (await app.AuditAsync(AuditEvents.LockedOut)).Where(e => e.Actor == name).Should().HaveCountGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task ALockedAccount_AndAnUnknownName_GetTheSameAnswer_AfterFiveFailures()
    {
        var name = Unique("reader");
        await app.CreateAccountAsync(name, [Roles.Reader], twoFactor: false);
        var nobody = Unique("nobody");
        const string wrong = "not my password at all";
        string locked = "", unknown = "";
        for (var i = 1; i <= 6; i++)
        {
            locked = FormErrors(await SignInClient.TextAsync(await NewClient().SignInAsync(name, wrong)));
            unknown = FormErrors(await SignInClient.TextAsync(await NewClient().SignInAsync(nobody, wrong)));
            locked.Should().Be(unknown, $"attempt {i} must not tell an existing name from an unknown one");
        }
        (await app.AuditAsync(AuditEvents.LockedOut)).Should().Contain(e => e.Actor == name, "the account is locked by now");
        locked.Should().Contain("not right");
    }

    [Fact]
    public async Task DisabledAccount_GetsTheSameAnswerAsAWrongPassword_AndItsSessionEnds()
    {
        var name = Unique("reader");
        await app.CreateAccountAsync(name, [Roles.Reader], twoFactor: false);
        var client = NewClient();
        (await client.SignInAsync(name)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await app.ChangeAsync(a => a.SetDisabledAsync("test-admin", name, true))).Succeeded.Should().BeTrue();
        var after = await client.GetAsync("/account");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect, "the session ends at the next request");
        after.Headers.Location!.ToString().Should().Contain("/account/login");

        var disabled = await SignInClient.TextAsync(await NewClient().SignInAsync(name));
        var unknown = await SignInClient.TextAsync(await NewClient().SignInAsync(Unique("nobody")));
        FormErrors(disabled).Should().Be(FormErrors(unknown)).And.Contain("The user name or password is not right.");
    }

    [Fact]
    public async Task ChangingARole_EndsTheSession()
    {
        var name = Unique("reader");
        await app.CreateAccountAsync(name, [Roles.Reader], twoFactor: false);
        var client = NewClient();
        await client.SignInAsync(name);
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await app.ChangeAsync(a => a.SetRolesAsync("test-admin", name, [Roles.Reader, Roles.FocalPoint], "GR"))).Succeeded.Should().BeTrue();
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ChangingThePassword_KeepsThisSession_AndTheNewPasswordWorks()
    {
        var name = Unique("reader");
        await app.CreateAccountAsync(name, [Roles.Reader], twoFactor: false);
        var client = NewClient();
        var other = NewClient();
        await client.SignInAsync(name);
        await other.SignInAsync(name);
        const string fresh = "a different long passphrase";

        var wrong = await client.PostFormAsync("/account/password", [new("Current", "not the current one"), new("New", fresh)]);
        (await SignInClient.TextAsync(wrong)).Should().Contain("The current password is not right.");
        var changed = await client.PostFormAsync("/account/password", [new("Current", VigilApp.TestPassword), new("New", fresh)]);
        (await SignInClient.TextAsync(changed)).Should().Contain("Your password is changed");
        (await app.AuditAsync(AuditEvents.PasswordChanged)).Should().Contain(e => e.Actor == name);

        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await other.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.Redirect, "other sessions end");
        (await NewClient().SignInAsync(name, fresh)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Tokens_MadeInTheUi_WorkAgainstTheApi_WithinTheirScope_UntilRevoked()
    {
        var name = Unique("editor");
        await app.CreateAccountAsync(name, [Roles.Editor], twoFactor: false);
        var key = await app.SetUpTwoFactorAsync(name);
        var client = NewClient();
        await client.SignInWithTwoFactorAsync(name, key);

        var writer = await MakeTokenAsync(client, "laptop", "read-write");
        var reader = await MakeTokenAsync(client, "dashboard", "read");
        (await client.PageAsync("/account/tokens")).Should().Contain("laptop").And.Contain("dashboard")
            .And.NotContain(writer).And.NotContain(reader);

        using var asWriter = app.CreateClient(writer);
        (await asWriter.GetAsync("/api/v1/actors", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await asWriter.PostJsonAsync("/api/v1/actors", new { name = $"Token Works {Guid.NewGuid():N}", kind = "company" })).StatusCode.Should().Be(HttpStatusCode.Created);

        using var asReader = app.CreateClient(reader);
        (await asReader.GetAsync("/api/v1/actors", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await asReader.PostJsonAsync("/api/v1/actors", new { name = "Read Only Write", kind = "company" })).ShouldBeProblemAsync(403);

        var list = await client.PageAsync("/account/tokens");
        (await client.PostFormAsync("/account/tokens", [], RevokeActionFor(list, "laptop"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await asWriter.GetAsync("/api/v1/actors", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.PageAsync("/account/tokens")).Should().Contain("revoked");
    }

    [Fact]
    public async Task EditorWithoutTwoFactor_CannotWrite_EvenWithAReadWriteToken()
    {
        var name = Unique("editor");
        await app.CreateAccountAsync(name, [Roles.Editor], twoFactor: false);
        var client = NewClient();
        await client.SignInAsync(name);
        (await client.PageAsync("/account")).Should().Contain("Your editor role is");

        var token = await MakeTokenAsync(client, "script", "read-write");
        using var api = app.CreateClient(token);
        await (await api.PostJsonAsync("/api/v1/actors", new { name = "Not Yet", kind = "company" })).ShouldBeProblemAsync(403);
    }

    [Fact]
    public async Task AdminPages_AreRefused_ToNonAdmins_AndToAnAdminWithoutTwoFactor()
    {
        var reader = Unique("reader");
        await app.CreateAccountAsync(reader, [Roles.Reader], twoFactor: false);
        var client = NewClient();
        await client.SignInAsync(reader);
        var refused = await client.GetAsync("/admin/users");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await SignInClient.TextAsync(refused)).Should().Contain("Not allowed");
        (await client.Http.PostAsync("/admin/users?handler=Add", new FormUrlEncodedContent([]), Ct)).StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.BadRequest);

        var admin = Unique("admin");
        await app.CreateAccountAsync(admin, [Roles.Admin], twoFactor: false);
        var pending = NewClient();
        await pending.SignInAsync(admin);
        (await pending.GetAsync("/admin/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await NewClient().GetAsync("/admin/users")).StatusCode.Should().Be(HttpStatusCode.Redirect, "anonymous: sign in first");
    }

    [Fact]
    public async Task Admin_AddsAnAccount_AndSetsItsClearance_UnderTheirOwnName()
    {
        var admin = Unique("admin");
        await app.CreateAccountAsync(admin, [Roles.Admin], twoFactor: false);
        var key = await app.SetUpTwoFactorAsync(admin);
        var client = NewClient();
        await client.SignInWithTwoFactorAsync(admin, key);
        (await client.PageAsync("/admin/users")).Should().Contain(admin);

        var name = Unique("analyst");
        var added = await client.PostFormAsync("/admin/users",
            [new("UserName", name), new("Password", "a long initial passphrase"), new("SelectedRoles", Roles.Editor), new("Clearance", "AMBER")],
            "/admin/users?handler=Add");
        added.StatusCode.Should().Be(HttpStatusCode.OK);
        (await SignInClient.TextAsync(added)).Should().Contain($"Account <a href=\"/admin/users/{name}\">{name}</a> added");

        var weak = await client.PostFormAsync("/admin/users",
            [new("UserName", Unique("weak")), new("Password", "short"), new("Clearance", "CLEAR")], "/admin/users?handler=Add");
        (await SignInClient.TextAsync(weak)).Should().Contain("password:");

        var set = await client.PostFormAsync($"/admin/users/{name}", [new("Clearance", "RED")], $"/admin/users/{name}?handler=Clearance");
        (await SignInClient.TextAsync(set)).Should().Contain("Clearance changed.");
        // The select is bound to the account's clearance (pages render options without the option tag helper
        // unless they ask for it): the stored value is the chosen one.
        (await client.PageAsync($"/admin/users/{name}")).Should().Contain("<option value=\"RED\" selected=\"selected\">")
            .And.NotContain("<option value=\"AMBER\" selected=\"selected\">");

        var accounts = await app.InScopeAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Accounts>(sp).ListAsync(Ct));
        var made = accounts.Single(a => a.UserName == name);
        made.Roles.Should().Equal(Roles.Editor);
        made.Clearance.Should().Be("RED");
        (await app.AuditAsync(AuditEvents.AccountCreated)).Should().Contain(e => e.Actor == admin && e.Detail.Contains($"account={name}"));
        (await app.AuditAsync(AuditEvents.ClearanceChanged)).Should().Contain(e => e.Actor == admin && e.Detail == $"account={name} clearance=AMBER -> RED");

        (await NewClient().SignInAsync(name, "a long initial passphrase")).Headers.Location!.OriginalString.Should().Be("/account/two-factor");
    }

    private static async Task<string> MakeTokenAsync(SignInClient client, string name, string scope)
    {
        var made = await client.PostFormAsync("/account/tokens", [new("Name", name), new("Scope", scope), new("Days", "30")], "/account/tokens?handler=Create");
        var html = await SignInClient.TextAsync(made);
        html.Should().Contain("it is shown only this once");
        return NewSecret().Match(html).Groups[1].Value;
    }

    private static string KeyIn(string html) =>
        KeyField().Match(html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    private static List<string> RecoveryCodesIn(string html) =>
        RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private static string FormErrors(string html) => FormErrorsBlock().Match(html).Value;

    private static string RevokeActionFor(string html, string tokenName) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<td>{tokenName}</td>.*?<form method=\"post\" action=\"([^\"]+)\"", RegexOptions.Singleline).Groups[1].Value);

    [GeneratedRegex("<code class=\"totp-key\" id=\"totp-key\">([a-z2-7 ]+)</code>")]
    private static partial Regex KeyField();

    [GeneratedRegex("<li><code>([0-9A-Z]{5}-[0-9A-Z]{5})</code></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("<code class=\"secret\" id=\"new-token\">(vgl_[A-Za-z0-9_-]+)</code>")]
    private static partial Regex NewSecret();

    [GeneratedRegex("<div class=\"form-errors\".*?</div>", RegexOptions.Singleline)]
    private static partial Regex FormErrorsBlock();
}

[Trait("Database", "Sqlite")]
public sealed class SqliteSignInTests(SqliteAccountApp app) : SignInTests<SqliteAccountApp>(app), IClassFixture<SqliteAccountApp>;

[Trait("Database", "Postgres")]
public sealed class PostgresSignInTests(PostgresAccountApp app) : SignInTests<PostgresAccountApp>(app), IClassFixture<PostgresAccountApp>;

/// <summary>The sign-in pages answer 429, with a friendly page, past the configured attempts per minute.</summary>
public abstract class SignInRateLimitTests<TApp>(TApp app) where TApp : RateLimitedApp
{
    [Fact]
    public async Task SignInPages_BeyondTheLimit_Answer429()
    {
        TestDatabase.RequireAvailable(app.Kind);
        using var client = app.CreateSignInClient();
        for (var i = 0; i < RateLimitedApp.Limit; i++)
        {
            (await client.GetAsync("/account/login")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        var limited = await client.GetAsync("/account/login");
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await SignInClient.TextAsync(limited)).Should().Contain("Too many attempts");
        // Other pages are not limited.
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

[Trait("Database", "Sqlite")]
public sealed class SqliteSignInRateLimitTests(SqliteRateLimitedApp app) : SignInRateLimitTests<SqliteRateLimitedApp>(app), IClassFixture<SqliteRateLimitedApp>;

[Trait("Database", "Postgres")]
public sealed class PostgresSignInRateLimitTests(PostgresRateLimitedApp app) : SignInRateLimitTests<PostgresRateLimitedApp>(app), IClassFixture<PostgresRateLimitedApp>;
