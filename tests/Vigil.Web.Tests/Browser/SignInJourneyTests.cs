using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;

namespace Vigil.Web.Tests.Browser;

/// <summary>Signing in with two-factor authentication in a real Chromium, with the Content-Security-Policy enforced.</summary>
[Trait("Category", "Browser")]
[Trait("Database", "Sqlite")]
public sealed class SignInJourneyTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private const string Password = "a browser-tested passphrase";

    [Fact]
    public async Task Editor_SignsInWithTwoFactor_SeesTheirName_AndSignsOut()
    {
        var key = await EditorWithTwoFactorAsync("browser-editor");
        await using var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = session.BaseUrl });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") { problems.Add(m.Text); } };
        page.PageError += (_, e) => problems.Add(e);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByLabel("User name").FillAsync("browser-editor");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor authentication" }).WaitForAsync();
        await page.GetByLabel("Authentication code").FillAsync(Totp.NextCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var name = page.GetByRole(AriaRole.Link, new() { Name = "Your account: browser-editor" });
        await name.WaitForAsync();
        (await name.InnerTextAsync()).Should().Be("browser-editor");
        (await page.GetByRole(AriaRole.Alert).CountAsync()).Should().Be(0, "two-factor is on: no banner");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).WaitForAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "Your account: browser-editor" }).CountAsync()).Should().Be(0);
        problems.Should().BeEmpty("no Content-Security-Policy violations or script errors");
    }

    [Fact]
    public async Task NewEditor_IsLedToTwoFactorSetUp_ScansTheQrCodeOrTypesTheKey_AndGetsRecoveryCodes()
    {
        await EditorAsync("browser-new-editor");
        await using var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = session.BaseUrl });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") { problems.Add(m.Text); } };
        page.PageError += (_, e) => problems.Add(e);

        await page.GotoAsync("/account/login");
        await page.GetByLabel("User name").FillAsync("browser-new-editor");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor authentication", Level = 1 }).WaitForAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Contain("Your editor role is not in force until you set up two-factor authentication");
        (await page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" }).IsVisibleAsync()).Should().BeTrue();
        var key = (await page.Locator("#totp-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

        await page.GetByLabel("Code from the app").FillAsync(Totp.NextCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor authentication" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes" }).WaitForAsync();
        (await page.Locator(".recovery-codes li").CountAsync()).Should().Be(10);
        (await page.GetByRole(AriaRole.Alert).CountAsync()).Should().Be(0, "the role is in force now");
        problems.Should().BeEmpty("no Content-Security-Policy violations or script errors");
    }

    private async Task EditorAsync(string userName)
    {
        using var scope = session.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<Accounts>().AddAsync("test", userName, null, Password, [Roles.Editor], Marking.Amber, null);
        added.Succeeded.Should().BeTrue(added.Error);
    }

    private async Task<string> EditorWithTwoFactorAsync(string userName)
    {
        using var scope = session.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var added = await sp.GetRequiredService<Accounts>().AddAsync("test", userName, null, Password, [Roles.Editor], Marking.Amber, null);
        added.Succeeded.Should().BeTrue(added.Error);
        var users = sp.GetRequiredService<UserManager<Vigil.Security.Account>>();
        var account = (await users.FindByNameAsync(userName))!;
        await users.ResetAuthenticatorKeyAsync(account);
        await users.SetTwoFactorEnabledAsync(account, true);
        return (await users.GetAuthenticatorKeyAsync(account))!;
    }
}
