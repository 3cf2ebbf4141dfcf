using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// Several web nodes behind one database: the data-protection keys live in the database, so a session
/// cookie or antiforgery token issued by one node is accepted by the others. A node with keys of its
/// own (a separate Vigil:Web:KeysDirectory) does not accept them, which shows the test can fail.
/// </summary>
public abstract class SeveralNodesTests(DatabaseKind kind) : IAsyncLifetime
{
    private readonly List<Node> _nodes = [];
    private TestDatabase? _database;
    private string? _keysFolder;

    private TestDatabase Database => _database!;

    public async ValueTask InitializeAsync()
    {
        TestDatabase.RequireAvailable(kind);
        _database = await TestDatabase.CreateAsync(kind);
    }

    /// <summary>Starts a node on the shared database; started one after the other, as a rolling deploy would.</summary>
    private Node Start(string? keysDirectory = null)
    {
        var node = new Node(Database, keysDirectory);
        _ = node.Server;
        _nodes.Add(node);
        return node;
    }

    [Fact]
    public void PayloadProtectedByOneNode_IsReadByAnother()
    {
        var a = Start();
        var b = Start();

        var sealedText = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("vigil.tests").Protect("shared secret");

        b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("vigil.tests").Unprotect(sealedText).Should().Be("shared secret");
        var loner = Start(OwnKeysFolder());
        var act = () => loner.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("vigil.tests").Unprotect(sealedText);
        act.Should().Throw<System.Security.Cryptography.CryptographicException>("a node with its own keys cannot read another's");
    }

    [Fact]
    public async Task AntiforgeryTokenIssuedByOneNode_IsValidOnAnother()
    {
        var a = Start();
        var b = Start();
        var tokens = a.Services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(NewContext(a));

        (await b.Services.GetRequiredService<IAntiforgery>().IsRequestValidAsync(PostWith(b, tokens))).Should().BeTrue();
        var loner = Start(OwnKeysFolder());
        (await loner.Services.GetRequiredService<IAntiforgery>().IsRequestValidAsync(PostWith(loner, tokens))).Should().BeFalse();
    }

    [Fact]
    public async Task SessionCookieIssuedByOneNode_SignsInOnAnother()
    {
        var a = Start();
        var b = Start();
        await using (var db = Database.CreateContext())
        {
            db.Actors.Add(new Actor { Slug = "node-hidden", Name = "Node Hidden Ltd", ActorKind = ActorKind.Company, Marking = Marking.Red });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var cookie = await IssueSessionCookieAsync(a, "node-editor");

        (await GetActorAsync(b, null)).Should().Be(HttpStatusCode.NotFound, "the public does not see a RED draft");
        (await GetActorAsync(a, cookie)).Should().Be(HttpStatusCode.OK);
        (await GetActorAsync(b, cookie)).Should().Be(HttpStatusCode.OK, "node B decrypts node A's session cookie with the keys from the database");
        var loner = Start(OwnKeysFolder());
        (await GetActorAsync(loner, cookie)).Should().Be(HttpStatusCode.NotFound, "a node with its own keys sees an unreadable cookie");
    }

    /// <summary>
    /// The session cookie node A's sign-in would set for an editor (RED, two-factor on): Identity's
    /// principal, sealed with the application cookie's own ticket format.
    /// </summary>
    private static async Task<string> IssueSessionCookieAsync(Node node, string userName)
    {
        using var scope = node.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var added = await sp.GetRequiredService<Accounts>().AddAsync("test", userName, null, VigilApp.TestPassword, [Roles.Editor], Marking.Red, null);
        added.Succeeded.Should().BeTrue(added.Error);
        var users = sp.GetRequiredService<UserManager<Vigil.Security.Account>>();
        var account = (await users.FindByNameAsync(userName))!;
        await users.SetTwoFactorEnabledAsync(account, true);
        var principal = await sp.GetRequiredService<IUserClaimsPrincipalFactory<Vigil.Security.Account>>().CreateAsync(account);
        var options = sp.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties(), IdentityConstants.ApplicationScheme);
        return $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}";
    }

    private static async Task<HttpStatusCode> GetActorAsync(Node node, string? cookie)
    {
        using var client = node.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/actors/node-hidden");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static DefaultHttpContext NewContext(Node node) => new() { RequestServices = node.Services.CreateScope().ServiceProvider };

    private static DefaultHttpContext PostWith(Node node, AntiforgeryTokenSet tokens)
    {
        var context = NewContext(node);
        var options = node.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
        context.Request.Method = HttpMethods.Post;
        context.Request.Headers.Cookie = $"{options.Cookie.Name}={tokens.CookieToken}";
        context.Request.Headers[options.HeaderName!] = tokens.RequestToken;
        return context;
    }

    private string OwnKeysFolder() => _keysFolder ??= Directory.CreateTempSubdirectory("vigil-keys-").FullName;

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        if (_keysFolder is not null)
        {
            Directory.Delete(_keysFolder, recursive: true);
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>One web node: the real app on the shared database.</summary>
    private sealed class Node(TestDatabase database, string? keysDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            // Host settings, not app configuration: the security registration reads Vigil:Web while the
            // app is being built, before configuration added by the factory is applied.
            foreach (var (key, value) in database.Settings()
                         .Append(new("Vigil:Database:SeedOnStart", "false"))
                         .Append(new("Vigil:Web:KeysDirectory", keysDirectory)))
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

[Trait("Database", "Sqlite")]
public sealed class SqliteSeveralNodesTests() : SeveralNodesTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class PostgresSeveralNodesTests() : SeveralNodesTests(DatabaseKind.Postgres);
