using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Vigil.Web.Tests.Incidents;
using Xunit;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// The authorization matrix. It discovers every page and endpoint from the app's route table (so a
/// feature added later is covered without editing this file), fills route parameters with the slugs
/// of "canary" records planted at every marking × review status, and for every kind of reader (the
/// public, a reader at each clearance, editors, reviewer, admin, focal point, an editor without
/// two-factor, a read-only token) proves that:
/// <list type="bullet">
/// <item>no response — HTML, JSON, error — contains a canary the reader may not see (above their
/// clearance, or unpublished for a reader who does not see drafts), including through edges,
/// citations, lists, counts, search and filters;</item>
/// <item>the canaries the reader may see do appear somewhere (the test is not vacuous);</item>
/// <item>every write endpoint of the API refuses readers without the right role, and every page
/// form refuses a post without a valid antiforgery token, leaving the database unchanged.</item>
/// </list>
/// </summary>
public abstract class AuthorizationMatrixTests<TApp>(TApp app) : IAsyncLifetime where TApp : MatrixApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        TestDatabase.RequireAvailable(app.Kind);
        await app.EnsureReadyAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task NoReader_SeesAnythingAboveTheirClearanceOrUnpublished_OnAnyRoute()
    {
        var routes = RouteCatalog.Discover(app.Services);
        routes.Reads.Should().Contain(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal), "the API's reads are discovered");
        routes.Reads.Should().Contain(r => r.Pattern == "/actors/{slug}", "the pages are discovered");

        var report = new StringBuilder();
        foreach (var reader in app.Readers)
        {
            using var client = reader.Token is null ? app.CreateClient() : app.CreateClient(reader.Token);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var requests = 0;
            foreach (var url in routes.Reads.SelectMany(r => r.Urls(app.Canaries)))
            {
                requests++;
                var response = await client.GetAsync(url, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                // A crash is not a refusal: a page that fails for a reader proves nothing about what it would show.
                ((int)response.StatusCode).Should().BeLessThan(500, $"{reader.Label}: GET {url} must not fail");
                // No GET answer ever carries a target's real identity, whoever asks.
                IdentityCanaries.AssertAbsent(body, $"{reader.Label}: GET {url} ({(int)response.StatusCode})");
                foreach (var canary in app.Canaries.All)
                {
                    // A slug the request itself named may be echoed ("there is no actor 'x'"); a name never is.
                    var shown = body.Contains(canary.Token, StringComparison.Ordinal)
                        || (!url.Contains(canary.Slug, StringComparison.Ordinal) && body.Contains(canary.Slug, StringComparison.Ordinal));
                    if (!shown)
                    {
                        continue;
                    }
                    reader.MaySee(canary).Should().BeTrue(
                        $"{reader.Label} must not see {canary.Describe()}, but GET {url} ({(int)response.StatusCode}) contains it");
                    seen.Add(canary.Token);
                }
            }
            // Not vacuous: every actor, product and source canary the reader may see shows up somewhere.
            var expected = app.Canaries.All.Where(c => c.IsNode && reader.MaySee(c)).ToList();
            expected.Where(c => !seen.Contains(c.Token)).Select(c => c.Describe()).Should().BeEmpty(
                $"{reader.Label} may see these, so some route should show them");
            report.AppendLine($"{reader.Label}: {requests} requests, {seen.Count} visible canaries seen, none hidden leaked");
        }
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
    }

    /// <summary>
    /// The shared read cache never hands one kind of reader another kind's answer: every API read is first
    /// asked twice by every reader in reverse order (the most privileged first, so their answers are
    /// stored before the others ask), then once more by every reader, and every answer, from the cache or
    /// not, must hold only what that reader may see. Not vacuous: some signed-in answers come from the cache.
    /// </summary>
    [Fact]
    public async Task CachedApiReads_NeverReachAnotherKindOfReader()
    {
        var urls = RouteCatalog.Discover(app.Services).Reads.SelectMany(r => r.Urls(app.Canaries))
            .Where(u => u.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        urls.Should().Contain("/api/v1/stats");
        var clients = app.Readers.Select(r => (Reader: r, Client: r.Token is null ? app.CreateClient() : app.CreateClient(r.Token))).ToList();
        try
        {
            foreach (var (_, client) in Enumerable.Reverse(clients))
            {
                foreach (var url in urls)
                {
                    await client.GetAsync(url, Ct);
                    await client.GetAsync(url, Ct);
                }
            }
            var signedInHits = 0;
            foreach (var (reader, client) in clients)
            {
                foreach (var url in urls)
                {
                    var response = await client.GetAsync(url, Ct);
                    var body = await response.Content.ReadAsStringAsync(Ct);
                    if (response.Headers.Age is not null && reader.Token is not null)
                    {
                        signedInHits++;
                    }
                    IdentityCanaries.AssertAbsent(body, $"{reader.Label}: GET {url} ({(int)response.StatusCode})");
                    foreach (var canary in app.Canaries.All.Where(c => !reader.MaySee(c)))
                    {
                        var shown = body.Contains(canary.Token, StringComparison.Ordinal)
                            || (!url.Contains(canary.Slug, StringComparison.Ordinal) && body.Contains(canary.Slug, StringComparison.Ordinal));
                        shown.Should().BeFalse($"{reader.Label} must not see {canary.Describe()}, but GET {url} ({(int)response.StatusCode}, age {response.Headers.Age}) contains it");
                    }
                }
            }
            signedInHits.Should().BeGreaterThan(0, "signed-in readers' API reads are served from the cache");
            TestContext.Current.TestOutputHelper?.WriteLine($"{clients.Count} readers × {urls.Count} API reads; {signedInHits} signed-in answers from the cache");
        }
        finally
        {
            foreach (var (_, client) in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>
    /// The proof of "victims first": a target's real name (public record, and do-not-name) is in no GET
    /// answer on any route, nor in the reveal answers, nor in any log line, for every reader who is not
    /// cleared; the cleared reader does get it through the reveal (so the test is not vacuous), and the
    /// do-not-name identity only its assigned editor.
    /// </summary>
    [Fact]
    public async Task TargetIdentity_ReachesOnlyTheClearedReader_ThroughTheAuditedReveal_AndNoLog()
    {
        var routes = RouteCatalog.Discover(app.Services);
        var urls = routes.Reads.SelectMany(r => r.Urls(app.Canaries)).ToList();
        urls.Should().Contain("/incidents/anchor-incident").And.Contain("/api/v1/incidents/anchor-incident");
        var (_, clearedToken) = await app.CreateAccountAsync("cleared-reader", [Roles.Reader], Marking.Red);
        var (_, editorToken) = await app.CreateAccountAsync(IdentityCanaries.AssignedEditor, [Roles.Editor], Marking.Red);
        foreach (var name in new[] { "cleared-reader", IdentityCanaries.AssignedEditor })
        {
            await app.InScopeAsync(sp => sp.GetRequiredService<Accounts>().SetVictimDataAsync("test", name, true, Ct));
        }
        var everyone = app.Readers.Select(r => (r.Label, r.Token))
            .Append(("cleared reader (RED, victim data)", clearedToken)).Append(("assigned editor (RED, victim data)", editorToken)).ToList();
        foreach (var (label, token) in everyone)
        {
            using var client = token is null ? app.CreateClient() : app.CreateClient(token);
            foreach (var url in urls)
            {
                var response = await client.GetAsync(url, Ct);
                IdentityCanaries.AssertAbsent(await response.Content.ReadAsStringAsync(Ct), $"{label}: GET {url}");
            }
            foreach (var pseudonym in new[] { IdentityCanaries.PublicPseudonym, IdentityCanaries.DoNotNamePseudonym })
            {
                var response = await client.PostAsync($"/api/v1/targets/{pseudonym.ToLowerInvariant()}/reveal", null, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                var mayReveal = token == editorToken || (token == clearedToken && pseudonym == IdentityCanaries.PublicPseudonym);
                if (mayReveal)
                {
                    response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, $"{label} is cleared for {pseudonym}");
                    body.Should().Contain(pseudonym == IdentityCanaries.PublicPseudonym ? IdentityCanaries.PublicRecordName : IdentityCanaries.DoNotNameName);
                }
                else
                {
                    ((int)response.StatusCode).Should().BeOneOf([401, 403, 404], $"{label} is not cleared for {pseudonym}");
                    IdentityCanaries.AssertAbsent(body, $"{label}: reveal {pseudonym}");
                }
            }
        }
        var reveals = await app.InScopeAsync(sp => sp.GetRequiredService<SecurityDb>().AuditLog
            .Where(e => e.Event == AuditEvents.Reveal).Select(e => e.Actor + " " + e.Detail).ToListAsync(Ct));
        reveals.Should().HaveCount(3, "each reveal is audited: the cleared reader once, the assigned editor twice");
        reveals.Should().OnlyContain(r => !IdentityCanaries.Names.Any(n => r.Contains(n, StringComparison.Ordinal)));
        app.Logs.Lines.Should().NotBeEmpty("the app's logs are captured");
        app.Logs.ShouldNotContainAnIdentity();
        TestContext.Current.TestOutputHelper?.WriteLine($"{everyone.Count} readers × {urls.Count} GET routes + reveals; {app.Logs.Lines.Count} log lines searched");
    }

    [Fact]
    public async Task EveryApiWrite_IsRefused_WithoutTheRightRole_AndChangesNothing()
    {
        var routes = RouteCatalog.Discover(app.Services);
        routes.ApiWrites.Should().NotBeEmpty();
        var before = await app.CountRowsAsync();
        foreach (var reader in app.Readers)
        {
            using var client = reader.Token is null ? app.CreateClient() : app.CreateClient(reader.Token);
            // Each write needs a power (editing, or reviewing for publish/send back/retract): try every
            // write on every reader who lacks the power it needs. Those who hold it are tested by the
            // feature tests with real bodies.
            var refused = routes.ApiWrites.Where(w => !reader.Holds(RouteCatalog.PowerNeeded(w.Pattern)));
            foreach (var (method, url) in refused.SelectMany(w => w.Urls(app.Canaries).Select(u => (w.Method, u))))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url)
                {
                    Content = new StringContent("{}", Encoding.UTF8, "application/json"),
                };
                var response = await client.SendAsync(request, Ct);
                ((int)response.StatusCode).Should().BeOneOf([401, 403, 404, 405],
                    $"{reader.Label} may not write, yet {method} {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
            }
        }
        (await app.CountRowsAsync()).Should().Be(before, "a refused write leaves nothing behind");
    }

    [Fact]
    public async Task EveryPageForm_RefusesAPostWithoutAnAntiforgeryToken_EvenFromAnEditor()
    {
        var routes = RouteCatalog.Discover(app.Services);
        var before = await app.CountRowsAsync();
        foreach (var reader in app.Readers.Where(r => r.Label is "anonymous" || r.CanWrite))
        {
            using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            if (reader.Token is not null)
            {
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", reader.Token);
            }
            foreach (var url in routes.Pages.SelectMany(p => p.Urls(app.Canaries)))
            {
                var response = await client.PostAsync(url, new FormUrlEncodedContent([new("name", "forged")]), Ct);
                // Refused: a bad request (antiforgery), no such page or handler, or sent to sign in first.
                var sentToSignIn = (int)response.StatusCode == 302
                    && response.Headers.Location?.AbsolutePath == "/account/login";
                (sentToSignIn || (int)response.StatusCode is 400 or 404 or 405).Should().BeTrue(
                    $"POST {url} without an antiforgery token as {reader.Label} must be refused, got {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        (await app.CountRowsAsync()).Should().Be(before);
    }
}

/// <summary>A record planted to be looked for: a unique token in its name, at one marking and status.</summary>
public sealed record Canary(string Kind, string Slug, string Token, Marking Marking, ReviewStatus Status)
{
    /// <summary>Actors, products and sources have pages and list rows of their own.</summary>
    public bool IsNode => Kind is "actor" or "product" or "source" or "incident" or "target";

    public string Describe() => $"{Kind} {Slug} ({Marking.ToLabel()}, {Status.ToLabel()})";
}

/// <summary>The canaries and the always-visible anchors they hang from.</summary>
public sealed class CanarySet
{
    public List<Canary> All { get; } = [];

    /// <summary>Slugs to put into route parameters, by the collection segment in front of the parameter.</summary>
    public Dictionary<string, List<string>> SlugsBySegment { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void AddSlug(string segment, string slug)
    {
        if (!SlugsBySegment.TryGetValue(segment, out var list))
        {
            SlugsBySegment[segment] = list = [];
        }
        list.Add(slug);
    }
}

/// <summary>A kind of reader in the matrix, and what they may see, stated independently of the code under test.</summary>
public sealed record MatrixReader(string Label, string? Token, Marking Clearance, bool SeesDrafts, bool CanWrite, bool CanReview = false)
{
    public bool Holds(WritePower power) => power == WritePower.Review ? CanReview : CanWrite;

    public bool MaySee(Canary c) => c.Marking <= Clearance && (SeesDrafts || c.Status == ReviewStatus.Published);
}

/// <summary>The app for the matrix: canary records, anchors, and one account per kind of reader.</summary>
public abstract class MatrixApp : VigilApp
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _ready;

    protected override bool Seed => false;

    /// <summary>Every log line of the app, for the identity canary test.</summary>
    public Incidents.LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs));
    }

    // The matrix posts to the sign-in pages from one client address many times: the sign-in rate limit
    // (tested on its own in RateLimitedApp) would answer 429 before the antiforgery check it is here to see.
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("Logging:LogLevel:Default", "Debug"), new("Vigil:Web:SignInAttemptsPerMinute", "10000")];

    public CanarySet Canaries { get; } = new();

    public List<MatrixReader> Readers { get; } = [];

    public async Task EnsureReadyAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_ready)
            {
                await PlantCanariesAsync();
                await CreateReadersAsync();
                _ready = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Rows in the graph and the security tables that a write could add (the audit log grows on token use, so it is left out).</summary>
    public async Task<long> CountRowsAsync()
    {
        await using var db = CreateDb();
        return await db.Actors.LongCountAsync() + await db.Products.LongCountAsync() + await db.Sources.LongCountAsync()
            + await db.Relationships.LongCountAsync() + await db.Citations.LongCountAsync() + await db.Revisions.LongCountAsync()
            + await db.Incidents.LongCountAsync() + await db.Targets.LongCountAsync()
            + await db.Measures.LongCountAsync() + await db.Indicators.LongCountAsync()
            + await db.Frameworks.LongCountAsync() + await db.Endorsements.LongCountAsync() + await db.Assessments.LongCountAsync()
            + await db.NationalReports.LongCountAsync() + await db.Quarters.LongCountAsync();
    }

    private async Task PlantCanariesAsync()
    {
        await using var db = CreateDb();
        var anchor = new Actor { Slug = "anchor-actor", Name = "Anchor Actor", ActorKind = ActorKind.Company, Country = "LU", Status = ReviewStatus.Published };
        var anchorTwo = new Actor { Slug = "anchor-two", Name = "Anchor Two", ActorKind = ActorKind.Company, Country = "LU", Status = ReviewStatus.Published };
        var anchorProduct = new Product { Slug = "anchor-product", Name = "Anchor Product", Status = ReviewStatus.Published };
        var anchorSource = new Source { Slug = "anchor-source", Title = "Anchor Source", Status = ReviewStatus.Published, Reliability = 'B' };
        db.AddRange(anchor, anchorTwo, anchorProduct, anchorSource);
        // Incidents: a published CLEAR anchor incident holds a target of every marking and the two
        // identity canaries (encrypted with the app's key file, as the handlers do).
        var keyring = Services.GetRequiredService<Vigil.Protection.TargetKeyring>();
        var anchorIncident = new Incident
        {
            Slug = "anchor-incident", Title = "Anchor Incident", FirstSeen = "2026-01", Country = "LU", Status = ReviewStatus.Published,
            Vendors = [new IncidentVendor { Actor = anchor }], Products = [new IncidentProduct { Product = anchorProduct }],
        };
        foreach (var (pseudonym, identity, consent) in new[] { (IdentityCanaries.PublicPseudonym, IdentityCanaries.PublicRecordName, ConsentStatus.PublicRecord),
                     (IdentityCanaries.DoNotNamePseudonym, IdentityCanaries.DoNotNameName, ConsentStatus.DoNotName) })
        {
            var (cipher, keyId) = keyring.Encrypt(pseudonym, identity);
            anchorIncident.Targets.Add(new Target
            {
                Slug = pseudonym.ToLowerInvariant(), Pseudonym = pseudonym, Category = TargetCategory.Journalist, ResidenceCountry = "LU", Consent = consent,
                IdentityCipher = cipher, IdentityKeyId = keyId, Status = ReviewStatus.Published,
                Editors = consent == ConsentStatus.DoNotName ? [new TargetEditor { UserName = IdentityCanaries.AssignedEditor }] : [],
            });
        }
        db.Add(anchorIncident);
        Canaries.AddSlug("incidents", anchorIncident.Slug);
        Canaries.AddSlug("targets", IdentityCanaries.PublicPseudonym.ToLowerInvariant());
        Canaries.AddSlug("actors", anchor.Slug);
        Canaries.AddSlug("products", anchorProduct.Slug);
        Canaries.AddSlug("sources", anchorSource.Slug);
        Canaries.AddSlug("countries", "LU");
        Canaries.AddSlug("gaps", anchor.Slug);
        // History canaries: a published CLEAR incident created linking every canary actor and product (its
        // create revision names them), then changed to link them as operators and investigators and to drop
        // them as vendors (an update revision). Its view hides the links the reader may not see; so must its history.
        var historyIncident = new Incident { Slug = "anchor-history", Title = "Anchor History", FirstSeen = "2026-03", Country = "LU", Status = ReviewStatus.Published };
        db.Add(historyIncident);
        Canaries.AddSlug("incidents", historyIncident.Slug);

        var screeningCases = new List<ScreeningCase>();
        var n = 0;
        foreach (var marking in Enum.GetValues<Marking>())
        {
            foreach (var status in Enum.GetValues<ReviewStatus>())
            {
                n++;
                // The name carries the token; the slug is different, so that a 404 echoing the requested
                // slug is not mistaken for a leak, while a listed slug still is (checked below).
                string Token(string kind) => $"cnry{kind[0]}{n:D2}q";
                string Slug(string kind) => $"c-{kind}-{n:D2}-{marking.ToString().ToLowerInvariant()}-{status.ToString().ToLowerInvariant()}";
                if (status == ReviewStatus.Draft)
                {
                    // A screening case of this marking (cases have no review status: they are for those who
                    // see drafts, up to their clearance, as a draft is). Its id goes into the routes once saved.
                    var screeningCase = new ScreeningCase
                    {
                        QueryName = $"Canary {Token("k")}", CreatedBy = "test", CreatedAt = DateTime.UtcNow, Marking = marking,
                        Hits = [new ScreeningCaseHit { CandidateKind = "entry", CandidateId = Slug("case"), Name = $"Canary {Token("k")}", Dataset = "us_ofac_sdn", Explanation = "canary" }],
                    };
                    db.Add(screeningCase);
                    screeningCases.Add(screeningCase);
                    Canaries.All.Add(new Canary("screening-case", Slug("case"), Token("k"), marking, status));
                }
                var actor = new Actor { Slug = Slug("actor"), Name = $"Canary {Token("actor")}", ActorKind = ActorKind.Company, Country = "LU", Marking = marking, Status = status };
                var product = new Product { Slug = Slug("product"), Name = $"Canary {Token("product")}", Marking = marking, Status = status };
                var source = new Source { Slug = Slug("source"), Title = $"Canary {Token("source")}", Marking = marking, Status = status, Reliability = 'C' };
                // An edge of its own marking and status between visible anchors, and a visible edge to the canary actor.
                var edge = new Relationship
                {
                    Slug = Slug("relationship"), Type = RelationshipType.InvestsIn, FromActor = anchor, ToActor = anchorTwo,
                    Role = $"Canary {Token("relationship")}", Marking = marking, Status = status,
                };
                var edgeToCanary = new Relationship
                {
                    Slug = $"anchor-supplies-{actor.Slug}", Type = RelationshipType.Supplies, FromActor = anchor, ToActor = actor, Status = ReviewStatus.Published,
                };
                var citation = new Citation
                {
                    Slug = Slug("citation"), Source = anchorSource, Actor = anchor, Quote = $"Canary {Token("citation")}",
                    Credibility = 2, Marking = marking, Status = status,
                };
                var citationOfCanarySource = new Citation { Slug = $"anchor-cited-by-{source.Slug}", Source = source, Product = anchorProduct, Credibility = 3, Status = ReviewStatus.Published };
                // A measure of its own marking and status between visible anchors; a visible measure against
                // the canary actor, its step citing the canary source (the gap view and timelines must hide both).
                var measure = new Measure
                {
                    Slug = Slug("measure"), Title = $"Canary {Token("measure")}", Type = MeasureType.Sanction, Authority = anchorTwo,
                    Programme = "CANARY", Marking = marking, Status = status, Targets = [new MeasureTarget { Actor = anchor }],
                };
                var measureOnCanary = new Measure
                {
                    Slug = $"anchor-measure-{n:D2}", Title = "Anchor measure", Type = MeasureType.Lawsuit, Authority = anchorTwo,
                    Status = ReviewStatus.Published, Targets = [new MeasureTarget { Actor = actor }],
                    Steps = [new MeasureStep { Stage = MeasureStage.Filed, Date = "2025-01-01", Source = source }],
                };
                db.AddRange(measure, measureOnCanary);
                Canaries.All.Add(new Canary("measure", measure.Slug, Token("measure"), marking, status));
                Canaries.AddSlug("measures", measure.Slug);
                Canaries.AddSlug("measures", measureOnCanary.Slug);
                Canaries.AddSlug("gaps", actor.Slug);
                db.AddRange(actor, product, source, edge, edgeToCanary, citation, citationOfCanarySource);
                // The source's archived copy carries its token: it is read only as far as the source is.
                var copy = System.Text.Encoding.UTF8.GetBytes($"<html><body>Canary {Token("source")}</body></html>");
                db.Add(new SourceArchive
                {
                    Source = source, FileName = "canary.html", MediaType = "text/html", Size = copy.Length, Content = copy,
                    Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(copy)), StoredAt = DateTime.UtcNow, StoredBy = "test",
                });
                Canaries.All.Add(new Canary("actor", actor.Slug, Token("actor"), marking, status));
                Canaries.All.Add(new Canary("product", product.Slug, Token("product"), marking, status));
                Canaries.All.Add(new Canary("source", source.Slug, Token("source"), marking, status));
                Canaries.All.Add(new Canary("relationship", edge.Slug, Token("relationship"), marking, status));
                Canaries.All.Add(new Canary("citation", citation.Slug, Token("citation"), marking, status));
                Canaries.AddSlug("actors", actor.Slug);
                Canaries.AddSlug("products", product.Slug);
                Canaries.AddSlug("sources", source.Slug);
                Canaries.AddSlug("relationships", edge.Slug);
                Canaries.AddSlug("citations", citation.Slug);

                // An indicator of its own marking and status, indicating the visible anchor product ('k': an
                // incident's token already starts with 'i').
                var indicatorToken = $"cnryk{n:D2}q";
                var indicator = new Indicator
                {
                    Slug = Slug("indicator"), StixId = $"indicator--00000000-0000-4000-8000-{n:D12}", Pattern = $"[domain-name:value = '{indicatorToken}.example']",
                    ObservableKind = ObservableKind.Domain, ObservableType = "domain-name:value", Value = $"{indicatorToken}.example",
                    ValueKey = $"{indicatorToken}.example", Name = $"Canary {indicatorToken}", Product = anchorProduct, Marking = marking, Status = status,
                };
                db.Add(indicator);
                Canaries.All.Add(new Canary("indicator", indicator.Slug, indicatorToken, marking, status));
                Canaries.AddSlug("indicators", indicator.Slug);

                // An incident canary (with a CLEAR target that follows it), and a target of this marking
                // in the published CLEAR anchor incident (once per marking).
                var targetToken = $"Target-QA{n:D2}";
                var incident = new Incident
                {
                    Slug = Slug("incident"), Title = $"Canary {Token("incident")}", FirstSeen = "2026-02", Country = "LU", Marking = marking, Status = status,
                    Vendors = [new IncidentVendor { Actor = anchor }], Products = [new IncidentProduct { Product = anchorProduct }],
                    Targets = [new Target { Slug = targetToken.ToLowerInvariant(), Pseudonym = targetToken, Category = TargetCategory.Lawyer, Status = status }],
                };
                db.Add(incident);
                historyIncident.Vendors.Add(new IncidentVendor { Actor = actor });
                historyIncident.Products.Add(new IncidentProduct { Product = product });
                Canaries.All.Add(new Canary("incident", incident.Slug, Token("incident"), marking, status));
                Canaries.All.Add(new Canary("target", targetToken.ToLowerInvariant(), targetToken, marking, status));
                Canaries.AddSlug("incidents", incident.Slug);
                Canaries.AddSlug("targets", targetToken.ToLowerInvariant());
                if (status == ReviewStatus.Published)
                {
                    var markedToken = $"Target-QB{n:D2}";
                    anchorIncident.Targets.Add(new Target
                    {
                        Slug = markedToken.ToLowerInvariant(), Pseudonym = markedToken, Category = TargetCategory.Diplomat, ResidenceCountry = "FR",
                        Marking = marking, Status = ReviewStatus.Published,
                    });
                    Canaries.All.Add(new Canary("target", markedToken.ToLowerInvariant(), markedToken, marking, status));
                    Canaries.AddSlug("targets", markedToken.ToLowerInvariant());
                }
            }
        }
        await db.SaveChangesAsync();
        foreach (var screeningCase in screeningCases)
        {
            Canaries.AddSlug("cases", screeningCase.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var vendor in historyIncident.Vendors.ToList())
        {
            historyIncident.Operators.Add(new IncidentOperator { Actor = vendor.Actor, Confidence = Confidence.High });
            historyIncident.Investigators.Add(new IncidentInvestigator { Actor = vendor.Actor });
            historyIncident.Vendors.Remove(vendor);
        }
        await db.SaveChangesAsync();
        await PlantCommitmentCanariesAsync(anchorSource);
    }

    /// <summary>
    /// Commitments: frameworks (with a commitment), endorsements, assessments and national reports at every
    /// marking × status, hanging from visible anchors. The anchor state is Belgium, not the focal point's
    /// Luxembourg: a focal point sees no other state's national reports, drafts or published.
    /// </summary>
    private async Task PlantCommitmentCanariesAsync(Source anchorSource)
    {
        await using var db = CreateDb();
        var source = await db.Sources.AsTracking().SingleAsync(x => x.Id == anchorSource.Id);
        var state = new Actor { Slug = "anchor-state", Name = "Anchor State", ActorKind = ActorKind.State, Country = "BE", Status = ReviewStatus.Published };
        var framework = new Framework { Slug = "anchor-framework", Name = "Anchor Framework", Series = "anchor-series", Status = ReviewStatus.Published, Source = source };
        var commitment = new Commitment { Slug = "anchor-framework--a1", Framework = framework, Code = "A1", Pillar = "accountability", Text = "Anchor commitment", Status = ReviewStatus.Published };
        db.AddRange(state, framework, commitment, new Endorsement { Slug = "anchor-state--anchor-framework", Actor = state, Framework = framework, Date = "2025-04-04", Status = ReviewStatus.Published });
        db.Quarters.Add(new QuarterCycle { Code = "2026Q1", OpenedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), OpenedBy = "matrix" });
        Canaries.AddSlug("frameworks", framework.Slug);
        Canaries.AddSlug("commitments", commitment.Slug);
        Canaries.AddSlug("quarters", "2026Q1");
        Canaries.AddSlug("scorecards", state.Slug);

        var n = 0;
        foreach (var marking in Enum.GetValues<Marking>())
        {
            foreach (var status in Enum.GetValues<ReviewStatus>())
            {
                n++;
                string Token(string kind) => $"cnry{kind}{n:D2}q";
                string Slug(string kind) => $"c-{kind}-{n:D2}-{marking.ToString().ToLowerInvariant()}-{status.ToString().ToLowerInvariant()}";
                var f = new Framework { Slug = Slug("framework"), Name = $"Canary {Token("fw")}", Series = Slug("framework"), Marking = marking, Status = status };
                var c = new Commitment { Slug = Slug("commitment"), Framework = framework, Code = $"C{n}", Pillar = "oversight", Text = $"Canary {Token("cm")}", Marking = marking, Status = status, Position = n + 1 };
                var e = new Endorsement { Slug = Slug("endorsement"), Actor = state, Framework = f, Date = "2025", Note = $"Canary {Token("en")}", Marking = marking, Status = status };
                var a = new Assessment
                {
                    Slug = Slug("assessment"), Actor = state, Commitment = commitment, Quarter = "2026Q1", Edition = n, Rating = 2, Rationale = $"Canary {Token("as")}",
                    Marking = marking, Status = status,
                };
                var r = new NationalReport { Slug = Slug("national-report"), Actor = state, Commitment = c, Quarter = "2026Q1", Actions = $"Canary {Token("nr")}", Marking = marking, Status = status };
                var cite = new Citation { Slug = Slug("assessment-citation"), Source = source, Assessment = a, Quote = $"Canary {Token("ac")}", Credibility = 2, Marking = marking, Status = status };
                db.AddRange(f, c, e, a, r, cite);
                Canaries.All.Add(new Canary("framework", f.Slug, Token("fw"), marking, status));
                Canaries.All.Add(new Canary("commitment", c.Slug, Token("cm"), marking, status));
                Canaries.All.Add(new Canary("endorsement", e.Slug, Token("en"), marking, status));
                Canaries.All.Add(new Canary("assessment", a.Slug, Token("as"), marking, status));
                Canaries.All.Add(new Canary("national-report", r.Slug, Token("nr"), marking, status));
                Canaries.All.Add(new Canary("assessment-citation", cite.Slug, Token("ac"), marking, status));
                Canaries.AddSlug("frameworks", f.Slug);
                Canaries.AddSlug("commitments", c.Slug);
                Canaries.AddSlug("endorsements", e.Slug);
                Canaries.AddSlug("assessments", a.Slug);
                Canaries.AddSlug("national-reports", r.Slug);
            }
        }
        await db.SaveChangesAsync();
    }

    private async Task CreateReadersAsync()
    {
        Readers.Add(new MatrixReader("anonymous", null, Marking.Clear, SeesDrafts: false, CanWrite: false));
        foreach (var clearance in Enum.GetValues<Marking>())
        {
            var (_, token) = await CreateAccountAsync($"reader-{clearance.ToString().ToLowerInvariant()}", [Roles.Reader], clearance);
            Readers.Add(new MatrixReader($"reader cleared {clearance.ToLabel()}", token, clearance, false, false));
        }
        Readers.Add(await Account("editor-green", [Roles.Editor], Marking.Green, seesDrafts: true, canWrite: true));
        Readers.Add(await Account("editor-red", [Roles.Editor], Marking.Red, seesDrafts: true, canWrite: true));
        Readers.Add(await Account("reviewer-amber", [Roles.Reviewer], Marking.Amber, seesDrafts: true, canWrite: false, canReview: true));
        Readers.Add(await Account("admin-clear", [Roles.Admin], Marking.Clear, seesDrafts: true, canWrite: false));
        Readers.Add(await Account("focal-point-green", [Roles.FocalPoint], Marking.Green, seesDrafts: false, canWrite: false, focalPoint: "LU"));
        Readers.Add(await Account("editor-without-2fa", [Roles.Editor], Marking.Red, seesDrafts: false, canWrite: false, twoFactor: false));
        Readers.Add(await Account("editor-read-token", [Roles.Editor], Marking.Amber, seesDrafts: true, canWrite: false, scope: TokenScope.Read));
    }

    private async Task<MatrixReader> Account(
        string name, string[] roles, Marking clearance, bool seesDrafts, bool canWrite, bool canReview = false,
        bool twoFactor = true, TokenScope scope = TokenScope.ReadWrite, string? focalPoint = null)
    {
        var (_, token) = await CreateAccountAsync(name, roles, clearance, scope, twoFactor, focalPoint);
        return new MatrixReader($"{name} ({string.Join("+", roles)}, {clearance.ToLabel()})", token, clearance, seesDrafts, canWrite, canReview);
    }
}

public sealed class SqliteMatrixApp : MatrixApp
{
    public override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class PostgresMatrixApp : MatrixApp
{
    public override DatabaseKind Kind => DatabaseKind.Postgres;
}

[Trait("Database", "Sqlite")]
public sealed class AuthorizationMatrixOnSqlite(SqliteMatrixApp app) : AuthorizationMatrixTests<SqliteMatrixApp>(app), IClassFixture<SqliteMatrixApp>;

[Trait("Database", "Postgres")]
public sealed class AuthorizationMatrixOnPostgres(PostgresMatrixApp app) : AuthorizationMatrixTests<PostgresMatrixApp>(app), IClassFixture<PostgresMatrixApp>;

/// <summary>What a write needs: the editor's power, or the reviewer's.</summary>
public enum WritePower
{
    Edit,
    Review,
}

/// <summary>The app's routes, read from its endpoint data source, turned into concrete URLs.</summary>
public sealed class RouteCatalog
{
    // Query strings tried on every route without parameters: plain, full-text, and each status filter.
    private static readonly string[] s_listQueries =
        ["", "?q=canary", "?q=cnry", "?pageSize=100", "?pageSize=100&status=draft", "?pageSize=100&status=in-review",
         "?pageSize=100&status=retracted", "?pageSize=100&status=published", "?kind=company&pageSize=100", "?country=LU&pageSize=100"];

    public List<RouteInfo> Reads { get; } = [];

    public List<RouteInfo> ApiWrites { get; } = [];

    public List<RouteInfo> Pages { get; } = [];

    /// <summary>
    /// Pages that deliberately accept a post without an antiforgery token, each with the reason. Any
    /// other page that does so fails the matrix.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> PagesWithoutAntiforgery = new Dictionary<string, string>
    {
        ["/error"] = "re-executed for any request that failed, posts included; it only renders an apology and writes nothing",
    };

    /// <summary>
    /// API routes that take a POST but only read, each with the reason; the matrix counts them as reads,
    /// and their own tests prove that hidden records never reach their answers.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ReadOnlyPosts = new Dictionary<string, string>
    {
        ["/api/v1/match"] = "yente's screening API: a query too large for a URL, answered from the reader's filtered records",
        ["/api/v1/match/{dataset}"] = "the same, for one dataset",
        ["/api/v1/reconcile"] = "OpenRefine posts its reconciliation queries as a form; answered from the reader's filtered records",
    };

    /// <summary>The review steps a reviewer takes (confirming a screening decision among them); every other write is an editor's.</summary>
    public static WritePower PowerNeeded(string pattern) =>
        pattern.Split('/').Last() is "publish" or "send-back" or "retract" or "confirm" ? WritePower.Review : WritePower.Edit;

    public static RouteCatalog Discover(IServiceProvider services)
    {
        var catalog = new RouteCatalog();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            var isPage = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null
                || endpoint.Metadata.Any(m => m.GetType().Name.Contains("PageRouteMetadata", StringComparison.Ordinal));
            if (isPage)
            {
                catalog.Reads.Add(new RouteInfo(pattern, "GET"));
                if (!PagesWithoutAntiforgery.ContainsKey(pattern))
                {
                    catalog.Pages.Add(new RouteInfo(pattern, "POST"));
                }
                continue;
            }
            foreach (var method in methods ?? ["GET"])
            {
                if (method is "GET")
                {
                    catalog.Reads.Add(new RouteInfo(pattern, method));
                }
                else if (method is not ("HEAD" or "OPTIONS") && pattern.StartsWith("/api/", StringComparison.Ordinal) && !ReadOnlyPosts.ContainsKey(pattern))
                {
                    catalog.ApiWrites.Add(new RouteInfo(pattern, method));
                }
            }
        }
        return catalog;
    }

    /// <summary>A route pattern and method; <see cref="Urls"/> fills it in every way the matrix tries.</summary>
    public sealed record RouteInfo(string Pattern, string Method)
    {
        public IEnumerable<string> Urls(CanarySet canaries)
        {
            var parsed = Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(Pattern);
            if (parsed.Parameters.Count == 0)
            {
                return Method == "GET" ? s_listQueries.Select(q => Pattern + q) : [Pattern];
            }
            IEnumerable<string> urls = [""];
            foreach (var segment in parsed.PathSegments)
            {
                // A segment may mix literals and parameters ("{documentName}.json").
                IEnumerable<string> texts = [""];
                foreach (var part in segment.Parts)
                {
                    if (part is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal)
                    {
                        texts = texts.Select(t => t + literal.Content).ToList();
                        continue;
                    }
                    var parameter = (Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart)part;
                    var values = ValuesFor(parameter.Name, urls.First(), canaries);
                    texts = texts.SelectMany(t => values.Select(v => t + Uri.EscapeDataString(v))).ToList();
                }
                urls = urls.SelectMany(u => texts.Select(t => u + "/" + t)).ToList();
            }
            return urls;
        }

        private static List<string> ValuesFor(string parameter, string pathSoFar, CanarySet canaries)
        {
            var collection = pathSoFar.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
            if (canaries.SlugsBySegment.TryGetValue(collection, out var slugs))
            {
                return slugs;
            }
            return parameter switch
            {
                "documentName" => ["v1"],
                // The kinds the STIX export knows (a record's bundle is /stix/{kind}/{slug}, its slugs then those
                // of the kind's canaries); any other kind is a 404 answered before anything is read.
                "kind" when collection == "stix" => [.. Vigil.Features.Export.StixScope.Kinds, "victims"],
                "code" when collection == "status" => ["404"],
                // Every open-data table in both formats: each is a full export under the access rule.
                "table" when collection == "data" => [.. Vigil.Features.Export.OpenDataHandler.Tables.Select(t => t.Name)],
                "format" => ["csv", "json"],
                _ => canaries.SlugsBySegment.Values.SelectMany(s => s).Distinct().ToList(),
            };
        }
    }
}
