using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil users</c>, <c>tokens</c>, <c>audit</c> and the audit of exports, on each database.</summary>
public abstract class SecurityCommandsTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private const string Password = "correct horse battery staple";

    private Task<(int Code, string Out, string Err)> RunWithInputAsync(string input, params string[] args) => CliRun.RunAsync(Database, args, input);

    private Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(Database, args);

    private async Task SqlAsync(string sql)
    {
        await using var db = DatabaseSetup.CreateSecurityDb(Database.Options);
        await db.Database.ExecuteSqlRawAsync(sql, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task UsersAdd_TheFirstAdmin_FromStdin_ThenListShowsThem()
    {
        (await RunAsync("users", "list")).Out.Should().Contain("No accounts yet");

        var added = await RunWithInputAsync(Password + "\n", "users", "add", "alice", "--admin", "--password-stdin", "--email", "alice@example.org");
        added.Code.Should().Be(0, added.Err);
        added.Out.Should().Contain("Created alice (admin; clearance RED)").And.Contain("must set up two-factor authentication at first sign-in");

        var list = await RunAsync("users", "list");
        list.Code.Should().Be(0);
        var lines = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().MatchRegex(@"^NAME\s+ROLES\s+CLEARANCE\s+2FA\s+DISABLED\s+LOCKED");
        lines[1].Should().MatchRegex(@"^alice\s+admin\s+RED\s+no\s+no\s+no");

        await using var db = DatabaseSetup.CreateSecurityDb(Database.Options);
        var entry = await db.AuditLog.SingleAsync(TestContext.Current.CancellationToken);
        entry.Should().BeEquivalentTo(new { Actor = "cli:tester", Event = AuditEvents.AccountCreated });
        entry.Detail.Should().NotContain(Password);
    }

    [Fact]
    public async Task UsersAdd_WithABadClearance_IsAUsageError_NamingTheField()
    {
        var result = await RunWithInputAsync(Password, "users", "add", "bob", "--clearance", "PURPLE", "--password-stdin");

        result.Code.Should().Be(2);
        result.Err.Should().Contain("clearance: 'PURPLE' is not a TLP marking");
    }

    [Fact]
    public async Task UsersAdd_WithAShortPassword_ExitsOne_NamingTheField_AndCreatesNothing()
    {
        var result = await RunWithInputAsync("elevenchars", "users", "add", "bob", "--password-stdin");

        result.Code.Should().Be(1);
        result.Err.Should().Contain("password: Passwords must be at least 12 characters");
        (await RunAsync("users", "list")).Out.Should().Contain("No accounts yet");
    }

    [Fact]
    public async Task UsersAdd_WithoutATerminalOrStdin_IsAUsageError()
    {
        var result = await RunAsync("users", "add", "bob");

        result.Code.Should().Be(2);
        result.Err.Should().Contain("password:").And.Contain("--password-stdin");
    }

    [Fact]
    public async Task UsersChanges_ShowInTheList_AndUnknownNamesAreRefused()
    {
        (await RunWithInputAsync(Password, "users", "add", "maria", "--focal-point", "pt", "--clearance", "amber", "--password-stdin")).Code.Should().Be(0);
        (await RunAsync("users", "set-role", "maria", "editor", "reviewer")).Code.Should().Be(0);
        (await RunAsync("users", "set-clearance", "maria", "red")).Code.Should().Be(0);
        (await RunAsync("users", "set-victim-data", "maria", "on")).Code.Should().Be(0);
        (await RunAsync("users", "disable", "maria")).Code.Should().Be(0);
        (await RunAsync("users", "reset-2fa", "maria")).Code.Should().Be(0);

        (await RunAsync("users", "list")).Out.Split('\n')[1].Should().MatchRegex(@"^maria\s+editor,reviewer\s+RED\s+no\s+yes\s+no\s+yes");
        var unknown = await RunAsync("users", "enable", "nobody");
        unknown.Code.Should().Be(1);
        unknown.Err.Should().Contain("user: there is no account named 'nobody'");
        var badRole = await RunAsync("users", "set-role", "maria", "overlord");
        badRole.Code.Should().Be(1);
        badRole.Err.Should().StartWith("role: 'overlord' is not a role");
    }

    [Fact]
    public async Task Tokens_CreatePrintsOnlyTheSecret_ListNeverShowsIt_RevokeEndsIt()
    {
        (await RunWithInputAsync(Password, "users", "add", "alice", "--admin", "--password-stdin")).Code.Should().Be(0);

        var created = await RunAsync("tokens", "create", "laptop", "--user", "alice", "--scope", "read", "--days", "30");
        created.Code.Should().Be(0, created.Err);
        var secret = created.Out.Trim();
        secret.Should().StartWith(ApiTokens.SecretPrefix).And.NotContain("\n");
        created.Err.Should().Contain("only time");

        var list = await RunAsync("tokens", "list", "--user", "alice");
        list.Out.Should().NotContain(secret).And.Contain(secret[..12] + "…").And.MatchRegex(@"laptop\s+vgl_\S+\s+read\s");
        list.Out.Should().Contain("live");

        (await RunAsync("tokens", "revoke", "1", "--user", "alice")).Code.Should().Be(0);
        (await RunAsync("tokens", "list", "--user", "alice")).Out.Should().Contain("revoked");
        (await RunAsync("tokens", "revoke", "99", "--user", "alice")).Code.Should().Be(1);
        (await RunAsync("tokens", "list", "--user", "nobody")).Err.Should().Contain("user: there is no account named 'nobody'");
        (await RunAsync("tokens", "create", "x", "--user", "alice", "--days", "400")).Code.Should().Be(2);
    }

    [Fact]
    public async Task AuditVerify_IsZeroWhenIntact_OneListingEachBreak()
    {
        (await RunWithInputAsync(Password, "users", "add", "alice", "--admin", "--password-stdin")).Code.Should().Be(0);
        (await RunWithInputAsync(Password, "users", "add", "bob", "--password-stdin")).Code.Should().Be(0);
        (await RunAsync("users", "disable", "bob")).Code.Should().Be(0);
        (await RunAsync("users", "enable", "bob")).Code.Should().Be(0);

        var intact = await RunAsync("audit", "verify");
        intact.Code.Should().Be(0, intact.Out);
        intact.Out.Should().Contain("intact: 4 entries");
        var head = await RunAsync("audit", "head");
        head.Out.Should().Contain("entries: 4");
        var recorded = head.Out.Split('\n').Single(l => l.StartsWith("head: ", StringComparison.Ordinal))["head: ".Length..].Trim();
        recorded.Should().MatchRegex("^[0-9a-f]{64}$");
        (await RunAsync("audit", "list", "--last", "2")).Out.Should().Contain("account-disabled").And.Contain("account-enabled").And.NotContain("account-created");

        await SqlAsync("""UPDATE "AuditLog" SET "Detail" = 'account=mallory' WHERE "Id" = 2""");
        await SqlAsync("""DELETE FROM "AuditLog" WHERE "Id" = 4""");

        var broken = await RunAsync("audit", "verify", "--expect-head", recorded);
        broken.Code.Should().Be(1);
        broken.Out.Should().Contain("entry 2: its contents do not match its hash");
        broken.Out.Should().Contain($"head: the recorded head {recorded} is not in the log");
        broken.Out.Should().Contain("NOT intact");
    }

    [Fact]
    public async Task AuditVerify_WithTheRecordedHead_AcceptsEntriesAppendedSince()
    {
        (await RunWithInputAsync(Password, "users", "add", "alice", "--admin", "--password-stdin")).Code.Should().Be(0);
        var recorded = (await RunAsync("audit", "head")).Out.Split('\n')[1]["head: ".Length..].Trim();
        (await RunAsync("users", "disable", "alice")).Code.Should().Be(0);

        var result = await RunAsync("audit", "verify", "--expect-head", recorded);

        result.Code.Should().Be(0, result.Out);
        result.Out.Should().Contain("the recorded head is entry 1; 1 entries were appended since");
    }

    [Fact]
    public async Task Export_OfAmberOrRedRecords_IsAudited_AndOfClearOnesIsNot()
    {
        await using (var db = Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = "open-co", Name = "Open Co", ActorKind = ActorKind.Company, Marking = Marking.Green });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var folder = Directory.CreateTempSubdirectory("vigil-export-").FullName;
        try
        {
            (await RunAsync("export", "--format", "csv", "--out", Path.Combine(folder, "green"))).Code.Should().Be(0);
            await using (var security = DatabaseSetup.CreateSecurityDb(Database.Options))
            {
                (await security.AuditLog.CountAsync(TestContext.Current.CancellationToken)).Should().Be(0, "GREEN data is not audited");
            }

            await using (var db = Database.CreateContext())
            {
                db.Actors.Add(new Actor { Slug = "secret-co", Name = "Secret Co", ActorKind = ActorKind.Company, Marking = Marking.Red });
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            }
            var csv = await RunAsync("export", "--format", "csv", "--out", Path.Combine(folder, "csv"));
            csv.Code.Should().Be(0, csv.Err);
            csv.Out.Should().Contain("marked up to RED");
            var vigil = await RunAsync("export", "--out", Path.Combine(folder, "vigil"));
            vigil.Code.Should().Be(0, vigil.Err);

            await using var check = DatabaseSetup.CreateSecurityDb(Database.Options);
            var entries = await check.AuditLog.OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
            entries.Select(e => (e.Actor, e.Event, e.Detail)).Should().Equal(
                ("cli:tester", AuditEvents.Export, "format=csv highest=RED records=2"),
                ("cli:tester", AuditEvents.Export, "format=vigil highest=RED records=2"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

[Trait("Database", "Sqlite")]
public sealed class SqliteSecurityCommandsTests() : SecurityCommandsTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class PostgresSecurityCommandsTests() : SecurityCommandsTests(DatabaseKind.Postgres);
