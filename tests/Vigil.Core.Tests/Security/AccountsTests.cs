using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Security;

/// <summary>Account management: password rules, roles, focal points, and what every change leaves behind.</summary>
public abstract class AccountsTests(DatabaseKind kind) : SecurityTest(kind)
{
    private Task<AccountResult> AddAsync(string name, string password, string[]? roles = null, string? country = null) =>
        InScopeAsync(sp => sp.GetRequiredService<Accounts>().AddAsync("cli:ops", name, null, password, roles ?? [], Marking.Green, country));

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, true)]
    [InlineData(100, true)]
    [InlineData(128, true)]
    [InlineData(129, false)]
    public async Task Password_LengthRule(int length, bool accepted)
    {
        var result = await AddAsync("maria", new string('p', length));

        result.Succeeded.Should().Be(accepted, result.Error);
        if (!accepted)
        {
            result.Error.Should().StartWith("password: ").And.MatchRegex(length < 12 ? "at least 12" : "at most 128");
        }
    }

    [Fact]
    public async Task Password_ContainingTheUserName_IsRefused_AndNothingIsCreated()
    {
        var result = await AddAsync("maria", "my name is MARIA ok");

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Be("password: Passwords must not contain the user name.");
        (await InScopeAsync(sp => sp.GetRequiredService<Accounts>().ListAsync())).Should().BeEmpty();
    }

    [Fact]
    public async Task UnknownRole_IsRefused_NamingTheField()
    {
        var result = await AddAsync("maria", VigilApp.TestPassword, ["superuser"]);

        result.Error.Should().StartWith("role: 'superuser' is not a role");
    }

    [Fact]
    public async Task FocalPoint_NeedsAState_AndOnlyAFocalPointHasOne()
    {
        (await AddAsync("maria", VigilApp.TestPassword, [Roles.FocalPoint])).Error.Should().StartWith("focal-point: ");
        (await AddAsync("maria", VigilApp.TestPassword, [Roles.Reader], "PT")).Error.Should().StartWith("focal-point: ");
        (await AddAsync("maria", VigilApp.TestPassword, [Roles.FocalPoint], "XX")).Error.Should().Contain("'XX' is not an ISO 3166-1");

        var ok = await AddAsync("maria", VigilApp.TestPassword, ["Focal point"], "pt");
        ok.Succeeded.Should().BeTrue(ok.Error);
        ok.Account!.FocalPointCountry.Should().Be("PT");
    }

    [Fact]
    public async Task Add_WithoutRoles_MakesAReader_AndIsAudited()
    {
        (await AddAsync("maria", VigilApp.TestPassword)).Succeeded.Should().BeTrue();

        var list = await InScopeAsync(sp => sp.GetRequiredService<Accounts>().ListAsync());
        list.Should().ContainSingle().Which.Should().BeEquivalentTo(new { UserName = "maria", Roles = new[] { Roles.Reader }, Clearance = "GREEN", TwoFactorEnabled = false, Disabled = false });
        await using var db = CreateSecurityDb();
        (await db.AuditLog.SingleAsync(TestContext.Current.CancellationToken)).Should().BeEquivalentTo(new
        {
            Actor = "cli:ops", Event = AuditEvents.AccountCreated, Detail = "account=maria roles=reader clearance=GREEN",
        });
    }

    [Fact]
    public async Task EveryChange_RenewsTheSecurityStamp_AndWritesAnAuditEntry()
    {
        (await AddAsync("maria", VigilApp.TestPassword)).Succeeded.Should().BeTrue();
        var changes = new (Func<Accounts, Task<AccountResult>> Change, string Event)[]
        {
            (a => a.SetRolesAsync("cli:ops", "maria", [Roles.Editor, Roles.Reviewer], null), AuditEvents.RoleChanged),
            (a => a.SetClearanceAsync("cli:ops", "maria", Marking.Red), AuditEvents.ClearanceChanged),
            (a => a.SetVictimDataAsync("cli:ops", "maria", true), AuditEvents.ClearanceChanged),
            (a => a.SetDisabledAsync("cli:ops", "maria", true), AuditEvents.AccountDisabled),
            (a => a.SetDisabledAsync("cli:ops", "maria", false), AuditEvents.AccountEnabled),
            (a => a.ResetTwoFactorAsync("cli:ops", "maria"), AuditEvents.TwoFactorReset),
        };
        var stamp = await StampAsync();
        foreach (var (change, expected) in changes)
        {
            var result = await InScopeAsync(sp => change(sp.GetRequiredService<Accounts>()));
            result.Succeeded.Should().BeTrue(result.Error);
            var renewed = await StampAsync();
            renewed.Should().NotBe(stamp, $"{expected} must end open sessions");
            stamp = renewed;
            await using var db = CreateSecurityDb();
            var last = await db.AuditLog.OrderByDescending(e => e.Id).FirstAsync(TestContext.Current.CancellationToken);
            last.Event.Should().Be(expected);
            last.Actor.Should().Be("cli:ops");
            last.Detail.Should().Contain("account=maria");
        }
        var summary = (await InScopeAsync(sp => sp.GetRequiredService<Accounts>().ListAsync())).Single();
        summary.Should().BeEquivalentTo(new { Roles = new[] { Roles.Editor, Roles.Reviewer }, Clearance = "RED", VictimData = true, Disabled = false });
        await using (var db = CreateSecurityDb())
        {
            (await AuditLog.VerifyAsync(db, TestContext.Current.CancellationToken)).IsIntact.Should().BeTrue();
        }
    }

    [Fact]
    public async Task Change_OfAnUnknownAccount_NamesTheField_AndAuditsNothing()
    {
        var result = await InScopeAsync(sp => sp.GetRequiredService<Accounts>().SetClearanceAsync("cli:ops", "nobody", Marking.Red));

        result.Error.Should().Be("user: there is no account named 'nobody'.");
        await using var db = CreateSecurityDb();
        (await db.AuditLog.CountAsync(TestContext.Current.CancellationToken)).Should().Be(0);
    }

    private Task<string> StampAsync() => InScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<Account>>();
        return await users.GetSecurityStampAsync((await users.FindByNameAsync("maria"))!) ?? "";
    });
}

[Trait("Database", "Sqlite")]
public sealed class SqliteAccountsTests() : AccountsTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class PostgresAccountsTests() : AccountsTests(DatabaseKind.Postgres);
