using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Security;

/// <summary>API tokens: the secret exists once, outside the database; dead tokens open nothing.</summary>
public abstract class ApiTokensTests(DatabaseKind kind) : SecurityTest(kind)
{
    private async Task<Account> AccountAsync(string name = "maria")
    {
        var result = await InScopeAsync(sp => sp.GetRequiredService<Accounts>().AddAsync("cli:ops", name, null, VigilApp.TestPassword, [Roles.Editor], Marking.Red, null));
        result.Succeeded.Should().BeTrue(result.Error);
        return result.Account!;
    }

    private Task<NewApiToken> CreateAsync(Account account, TokenScope scope = TokenScope.Read, int days = 30) =>
        InScopeAsync(sp => sp.GetRequiredService<ApiTokens>().CreateAsync(account, "laptop", scope, TimeSpan.FromDays(days), "cli:ops"));

    private Task<(Account Account, ApiToken Token)?> AuthenticateAsync(string secret) =>
        InScopeAsync(sp => sp.GetRequiredService<ApiTokens>().AuthenticateAsync(secret));

    [Fact]
    public async Task Create_ShowsTheSecretOnce_AndStoresOnlyItsHash()
    {
        var account = await AccountAsync();
        var made = await CreateAsync(account);

        made.Secret.Should().StartWith(ApiTokens.SecretPrefix).And.HaveLength(ApiTokens.SecretPrefix.Length + 43);
        made.Token.Prefix.Should().Be(made.Secret[..12] + "…");
        await using var db = CreateSecurityDb();
        var stored = await db.ApiTokens.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        stored.Hash.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(made.Secret))));
        // Every column of every row of the tables that could hold it: no trace of the secret.
        foreach (var table in new[] { "ApiTokens", "AuditLog", "AspNetUsers" })
        {
            (await AllTextAsync(db, table)).Should().NotContain(made.Secret[12..]).And.NotContain(made.Secret);
        }
        // Listing never shows it either.
        var listed = await InScopeAsync(sp => sp.GetRequiredService<ApiTokens>().ListAsync(account.Id));
        listed.Should().ContainSingle().Which.ToString().Should().NotContain(made.Secret);
    }

    [Fact]
    public async Task Authenticate_ALiveToken_GivesItsAccount_WithTheReadScopeRecorded()
    {
        var made = await CreateAsync(await AccountAsync(), TokenScope.Read);

        var found = await AuthenticateAsync(made.Secret);

        found.Should().NotBeNull();
        found!.Value.Account.UserName.Should().Be("maria");
        found.Value.Token.Scope.Should().Be(TokenScope.Read);
        made.Token.Scope.Should().Be("read");
    }

    [Fact]
    public async Task Authenticate_RefusesExpiredRevokedAndDisabledAccountsTokens_AndUnknownSecrets()
    {
        var account = await AccountAsync();
        var expiring = await CreateAsync(account, days: 1);
        var revoked = await CreateAsync(account);
        (await InScopeAsync(sp => sp.GetRequiredService<ApiTokens>().RevokeAsync(account.Id, revoked.Token.Id, "cli:ops"))).Should().BeTrue();
        var other = await AccountAsync("joao");
        var disabled = await CreateAsync(other);
        (await InScopeAsync(sp => sp.GetRequiredService<Accounts>().SetDisabledAsync("cli:ops", "joao", true))).Succeeded.Should().BeTrue();

        (await AuthenticateAsync(expiring.Secret)).Should().NotBeNull("it lives for a day");
        Clock.Advance(TimeSpan.FromDays(1));
        (await AuthenticateAsync(expiring.Secret)).Should().BeNull("it expired");
        (await AuthenticateAsync(revoked.Secret)).Should().BeNull("it was revoked");
        (await AuthenticateAsync(disabled.Secret)).Should().BeNull("its account is disabled");
        (await AuthenticateAsync(ApiTokens.SecretPrefix + "not-a-real-token")).Should().BeNull();
        (await AuthenticateAsync("Basic abc")).Should().BeNull();

        await using var db = CreateSecurityDb();
        var rejected = await db.AuditLog.Where(e => e.Event == AuditEvents.TokenRejected).Select(e => e.Detail).ToListAsync(TestContext.Current.CancellationToken);
        rejected.Should().HaveCount(3);
        rejected.Should().Contain(d => d.EndsWith("reason=expired")).And.Contain(d => d.EndsWith("reason=revoked")).And.Contain(d => d.EndsWith("reason=account disabled"));
    }

    [Fact]
    public async Task Revoke_OnlyTheOwnersToken()
    {
        var maria = await AccountAsync();
        var joao = await AccountAsync("joao");
        var made = await CreateAsync(maria);

        (await InScopeAsync(sp => sp.GetRequiredService<ApiTokens>().RevokeAsync(joao.Id, made.Token.Id, "cli:ops"))).Should().BeFalse();
        (await AuthenticateAsync(made.Secret)).Should().NotBeNull();
    }

    [Fact]
    public async Task Create_RefusesALifetimeBeyondAYear()
    {
        var account = await AccountAsync();
        var act = () => CreateAsync(account, days: 400);
        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    private static async Task<string> AllTextAsync(SecurityDb db, string table)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
        }
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using DbDataReader reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var text = new StringBuilder();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
            }
        }
        text.Length.Should().BeGreaterThan(0, $"{table} has rows");
        return text.ToString();
    }
}

[Trait("Database", "Sqlite")]
public sealed class SqliteApiTokensTests() : ApiTokensTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class PostgresApiTokensTests() : ApiTokensTests(DatabaseKind.Postgres);
