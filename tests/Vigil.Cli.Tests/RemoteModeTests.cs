using FluentAssertions;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;

namespace Vigil.Cli.Tests;

/// <summary>
/// <c>vigil --server</c> against the real web app (in-process test server): reads as the token's owner,
/// takes the token from VIGIL_TOKEN or --token-file, and turns 401 and 403 into a message and exit 1.
/// </summary>
public abstract class RemoteModeTests<TApp>(TApp app) : IAsyncLifetime where TApp : VigilApp
{
    private const string Server = "http://localhost";
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-remote-").FullName;
    private string _readToken = "";

    public async ValueTask InitializeAsync()
    {
        TestDatabase.RequireAvailable(app.Kind);
        (_, _readToken) = await app.CreateAccountAsync($"reader-{Guid.NewGuid():N}"[..20], [Roles.Editor], Marking.Red, TokenScope.Read);
    }

    private Task<(int Code, string Out, string Err)> RunAsync(string[] args, string? token = null, string input = "") =>
        CliRun.RunAsync(null, args, input, token is null ? null : new Dictionary<string, string> { ["VIGIL_TOKEN"] = token }, app.Server.CreateHandler());

    private string TokenFile(string token)
    {
        var path = Path.Combine(_folder, "token");
        File.WriteAllText(path, token + "\n");
        return path;
    }

    [Fact]
    public async Task Stats_FromTheServer_WithATokenFile()
    {
        var result = await RunAsync(["stats", "--server", Server, "--token-file", TokenFile(_readToken)]);

        result.Code.Should().Be(0, result.Err);
        result.Out.Should().MatchRegex(@"actors \(state\): 2[45]\d").And.Contain("sources: ");
    }

    [Fact]
    public async Task Search_FromTheServer_WithVIGIL_TOKEN()
    {
        var result = await RunAsync(["search", "Intellexa", "--server", Server], _readToken);

        result.Code.Should().Be(0, result.Err);
        result.Out.Should().MatchRegex(@"actor\s+intellexa-sa\s+Intellexa S\.A\.");
        result.Out.Should().MatchRegex(@"of [1-9]\d*");
    }

    [Fact]
    public async Task Api_Get_PrintsTheJson()
    {
        var result = await RunAsync(["api", "GET", "/api/v1/actors/intellexa-sa", "--server", Server], _readToken);

        result.Code.Should().Be(0, result.Err);
        result.Out.Should().Contain("\"slug\": \"intellexa-sa\"");
    }

    [Fact]
    public async Task UnknownToken_IsRefused_401_ExitOne()
    {
        var result = await RunAsync(["stats", "--server", Server], ApiTokens.SecretPrefix + "nonsense");

        result.Code.Should().Be(1);
        result.Err.Should().Contain("refused the API token (401)");
    }

    [Fact]
    public async Task ReadToken_Writing_IsRefused_403_ExitOne()
    {
        var body = """{"name": "Remote Co", "kind": "company"}""";
        var result = await RunAsync(["api", "POST", "/api/v1/actors", "--body", "-", "--server", Server], _readToken, body);

        result.Code.Should().Be(1, result.Out);
        result.Err.Should().Contain("(403)");
    }

    [Fact]
    public async Task Api_OutsideTheApi_IsRefused_BeforeSendingTheToken()
    {
        var result = await RunAsync(["api", "GET", "https://elsewhere.example/steal", "--server", Server], _readToken);

        result.Code.Should().Be(2);
        result.Err.Should().Contain("path:");
    }

    [Fact]
    public async Task PlainHttpToAnotherHost_WithAToken_IsRefused()
    {
        var result = await RunAsync(["stats", "--server", "http://vigil.example.org"], _readToken);

        result.Code.Should().Be(3);
        result.Err.Should().Contain("plain http");
    }

    [Fact]
    public async Task MissingTokenFile_IsAConfigurationError()
    {
        var result = await RunAsync(["stats", "--server", Server, "--token-file", Path.Combine(_folder, "absent")]);

        result.Code.Should().Be(3);
        result.Err.Should().Contain("--token-file");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

[Trait("Database", "Sqlite")]
public sealed class SqliteRemoteModeTests(SqliteApp app) : RemoteModeTests<SqliteApp>(app), IClassFixture<SqliteApp>;

[Trait("Database", "Postgres")]
public sealed class PostgresRemoteModeTests(PostgresApp app) : RemoteModeTests<PostgresApp>(app), IClassFixture<PostgresApp>;
