using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Features;
using Vigil.Access;
using Vigil.Features.Briefs;
using Vigil.Features.Diligence;
using Vigil.Model;
using Vigil.Security;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Diligence;

// Due-diligence reports get apps of their own: the AMBER canaries they plant must not reach other classes' counts.
[CollectionDefinition(Name)]
public sealed class SqliteDiligenceCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "Due diligence on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresDiligenceCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "Due diligence on PostgreSQL";
}

/// <summary>Due-diligence reports on the starter dataset: JSON, page, links, the access rule and victims' identities.</summary>
public abstract class DiligenceTests(VigilApp app)
{
    /// <summary>Reads a report through the same handlers the page, API and CLI use, as <paramref name="reader"/>.</summary>
    private async Task<BriefDocument?> ReportAsync(Reader reader, string kind, string subject)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(TimeProvider.System);
        services.AddVigilFeatures();
        services.AddScoped(_ => app.CreateDb(reader));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GetDiligenceHandler>().HandleAsync(kind, subject, Ct);
    }

    private static Reader Cleared(Marking clearance) => new($"reader-{clearance}", clearance, SeesUnpublished: false, CanEdit: false);

    private static IEnumerable<string> Lines(BriefDocument doc) => doc.Sections.SelectMany(s => s.Lines.Select(l => $"{s.Id}: {l.Text}"));

    private static JsonNode Factor(JsonNode report, string id) => report["factors"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == id)!;

    private static IEnumerable<string> Texts(JsonNode factor) => factor["evidence"]!.AsArray().Select(e => e!["text"]!.GetValue<string>());

    /// <summary>The count a verdict states: its first number.</summary>
    private static int Leading(string verdict) => int.Parse(Regex.Match(verdict, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task VendorReport_ForIntellexa_ListsTheUsSanctionsAgainstMembersOfItsNetwork_WithTheirSources()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var response = await app.CreateClient().GetAsync("/api/v1/diligence/vendor/intellexa-sa", Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var report = await response.ReadJsonAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToJsonString());

        report["kind"]!.GetValue<string>().Should().Be("vendor");
        report["marking"]!.GetValue<string>().Should().Be("CLEAR");
        report["dataVersion"]!.GetValue<long>().Should().BePositive();
        report["asOf"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}$");
        report["accessRule"]!.GetValue<string>().Should().Contain("TLP:CLEAR only");
        report["factors"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Should().Equal("network", "measures", "incidents", "rebrands", "words-actions");
        report["factors"]!.AsArray().Should().OnlyContain(f => !string.IsNullOrWhiteSpace(f!["verdict"]!.GetValue<string>()));

        var measures = Factor(report, "measures");
        var verdict = measures["verdict"]!.GetValue<string>();
        verdict.Should().MatchRegex(@"^\d+ measures against \d+ members of the network").And.Contain("Intellexa S.A.").And.Contain("Tal Jonathan Dilian");
        // No opaque number: the count is the evidence listed under it.
        Leading(verdict).Should().Be(measures["evidence"]!.AsArray().Count);
        var sources = report["sources"]!.AsArray().ToDictionary(s => s!["number"]!.GetValue<int>());
        var ofac = measures["evidence"]!.AsArray().Where(e => e!["text"]!.GetValue<string>().StartsWith("Sanction by Office of Foreign Assets Control (United States)", StringComparison.Ordinal)).ToList();
        ofac.Select(e => e!["text"]!.GetValue<string>()).Should().Contain(t => t.Contains("against Intellexa S.A.:", StringComparison.Ordinal))
            .And.Contain(t => t.Contains("against Tal Jonathan Dilian:", StringComparison.Ordinal))
            .And.Contain(t => t.Contains("against Cytrox AD:", StringComparison.Ordinal));
        foreach (var e in ofac)
        {
            var notes = e!["sources"]!.AsArray().Select(n => n!.GetValue<int>()).ToList();
            notes.Should().NotBeEmpty("each sanction is cited");
            notes.Should().OnlyContain(n => sources.ContainsKey(n) && sources[n]!["url"] != null);
        }
        Texts(Factor(report, "incidents")).Should().Contain(t => t.Contains("Predator", StringComparison.Ordinal));
        report["summary"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Contain(verdict);

        var html = await app.CreateClient().GetStringAsync("/diligence/vendor/intellexa-sa", Ct);
        html.Should().Contain("Due diligence on a prospective vendor: Intellexa S.A.").And.Contain("<strong>Verdict:</strong> " + WebUtility.HtmlEncode(verdict))
            .And.Contain("TLP:CLEAR").And.Contain("Data version").And.Contain("Published records marked TLP:CLEAR only")
            .And.Contain("href=\"?format=pdf\"").And.Contain("href=\"/api/v1/diligence/vendor/intellexa-sa\"");
        html.Should().MatchRegex("<sup class=\"brief-ref\"><a href=\"#fn-1\"");
        (await app.CreateClient().GetAsync("/diligence/vendor/intellexa-sa?format=docx", Ct)).Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var standalone = await app.CreateClient().GetAsync("/diligence/vendor/intellexa-sa?format=html", Ct);
        standalone.Content.Headers.ContentDisposition!.FileName.Should().Contain("vigil-diligence-vendor-intellexa-sa");
        (await standalone.Content.ReadAsStringAsync(Ct)).Should().Contain("@page { size: A4");
    }

    [Fact]
    public async Task CustomerReport_ForAStateWithKnownIncidents_ListsThem_WithTransnationalRepression_EndorsementsAndSuppliers()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var rwanda = await (await app.CreateClient().GetAsync("/api/v1/diligence/customer/rwanda", Ct)).ReadJsonAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(rwanda.ToJsonString());
        rwanda["factors"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).Should().Equal("incidents", "measures", "endorsements", "scorecard", "suppliers");
        var incidents = Factor(rwanda, "incidents");
        Texts(incidents).Should().HaveCount(2).And.OnlyContain(t => t.Contains("suspected operator Rwanda", StringComparison.Ordinal)
            && t.Contains("transnational repression: targeted someone living in Belgium", StringComparison.Ordinal));
        incidents["verdict"]!.GetValue<string>().Should().Contain("suspected operator in 2 recorded incidents").And.Contain("2 of them transnational repression");
        Factor(rwanda, "endorsements")["verdict"]!.GetValue<string>().Should().Be("Rwanda has endorsed none of the frameworks Vigil tracks.");

        var poland = (await ReportAsync(Reader.Anonymous, DiligenceKinds.Customer, "poland"))!;
        TestContext.Current.TestOutputHelper?.WriteLine(BriefPlainText.Write(poland));
        poland.Sections.Single(s => s.Id == "incidents").Lines.Should().HaveCount(3).And.OnlyContain(l => l.Notes.Count > 0 && l.Link!.StartsWith("/incidents/", StringComparison.Ordinal));
        poland.Sections.Single(s => s.Id == "endorsements").Lines.Select(l => l.Text).Should().Contain(t => t.StartsWith("Endorsed the Pall Mall Process Code of Practice for States", StringComparison.Ordinal));
        poland.Sections.Single(s => s.Id == "scorecard").Lines.Should().NotBeEmpty();
        var suppliers = poland.Sections.Single(s => s.Id == "suppliers");
        suppliers.Lines.Should().Contain(l => l.Text.StartsWith("NSO Group supplied Poland", StringComparison.Ordinal) && l.Notes.Count > 0);
        suppliers.Verdict.Should().StartWith("Supplied by 1 vendor: NSO Group");
        poland.Sections.SelectMany(s => s.Lines).SelectMany(l => l.Notes).Should().OnlyContain(n => poland.Footnotes.Any(f => f.Number == n));

        // A public body: its own record, and apart, what its state is suspected of.
        var ministry = (await ReportAsync(Reader.Anonymous, DiligenceKinds.Customer, "vietnam-ministry-of-public-security"))!;
        TestContext.Current.TestOutputHelper?.WriteLine(BriefPlainText.Write(ministry));
        var own = ministry.Sections.Single(s => s.Id == "incidents");
        own.Verdict.Should().StartWith("No recorded incident names Ministry of Public Security (Vietnam) as a suspected operator. Its state, Vietnam, ");
        own.Lines.Should().Contain(l => l.Text.StartsWith("Its state (Vietnam): Predator targeting", StringComparison.Ordinal));
        ministry.Sections.Single(s => s.Id == "suppliers").Lines.Should().Contain(l => l.Text.StartsWith("Intellexa Consortium supplied Ministry of Public Security (Vietnam)", StringComparison.Ordinal));

        // A report is of its kind: a vendor has no customer report, a state no vendor report; both 404 as ProblemDetails.
        await (await app.CreateClient().GetAsync("/api/v1/diligence/customer/intellexa-sa", Ct)).ShouldBeProblemAsync(404);
        await (await app.CreateClient().GetAsync("/api/v1/diligence/vendor/poland", Ct)).ShouldBeProblemAsync(404);
        (await app.CreateClient().GetAsync("/diligence/customer/no-such-state", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AmberRecords_AppearForAnAmberReader_AndNotForThePublic_NotEvenInCounts()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var publicVendorBefore = (await ReportAsync(Reader.Anonymous, DiligenceKinds.Vendor, "intellexa-sa"))!;
        var publicCustomerBefore = (await ReportAsync(Reader.Anonymous, DiligenceKinds.Customer, "poland"))!;
        var measureCanary = Unique("Canary amber designation");
        var incidentCanary = Unique("Canary amber incident");
        await using (var db = app.CreateDb())
        {
            var ofac = await db.Actors.SingleAsync(a => a.Slug == "office-of-foreign-assets-control", Ct);
            var dilian = await db.Actors.SingleAsync(a => a.Slug == "tal-dilian", Ct);
            var poland = await db.Actors.SingleAsync(a => a.Slug == "poland", Ct);
            db.Measures.Add(new Measure
            {
                Slug = Unique("amber-measure"), Title = measureCanary, Type = MeasureType.Sanction, AuthorityId = ofac.Id, AnnouncedDate = "2026-11-01",
                Marking = Marking.Amber, Status = ReviewStatus.Published, Targets = [new MeasureTarget { ActorId = dilian.Id }],
            });
            db.Incidents.Add(new Incident
            {
                Slug = Unique("amber-incident"), Title = incidentCanary, Country = "PL", DisclosedOn = "2026-10-01", Marking = Marking.Amber, Status = ReviewStatus.Published,
                Operators = [new IncidentOperator { ActorId = poland.Id, Confidence = Confidence.Moderate }],
            });
            await db.SaveChangesAsync(Ct);
        }

        foreach (var (kind, subject, section, canary, before) in new[]
        {
            (DiligenceKinds.Vendor, "intellexa-sa", "measures", measureCanary, publicVendorBefore),
            (DiligenceKinds.Customer, "poland", "incidents", incidentCanary, publicCustomerBefore),
        })
        {
            var pub = (await ReportAsync(Reader.Anonymous, kind, subject))!;
            var amber = (await ReportAsync(Cleared(Marking.Amber), kind, subject))!;
            TestContext.Current.TestOutputHelper?.WriteLine(BriefPlainText.Write(amber));

            // The public's report is unchanged, verdicts and counts included.
            pub.Marking.Should().Be(Marking.Clear);
            pub.Summary.Should().Equal(before.Summary);
            Lines(pub).Should().Equal(Lines(before));
            BriefPlainText.Write(pub).Should().NotContain(canary);

            amber.Marking.Should().Be(Marking.Amber);
            // The AMBER record is one more line of its factor (the state's scorecard may also count it as a contradiction).
            Lines(amber).Except(Lines(pub)).Where(l => l.Contains(canary, StringComparison.Ordinal)).Should().ContainSingle().Which.Should().StartWith(section + ": ");
            Lines(pub).Where(l => l.StartsWith(section + ": ", StringComparison.Ordinal)).Should().BeSubsetOf(Lines(amber));
            Leading(amber.Sections.Single(s => s.Id == section).Verdict!).Should().Be(Leading(pub.Sections.Single(s => s.Id == section).Verdict!) + 1);
            BriefHtml.Document(amber).Should().Contain("<p class=\"tlp-banner tlp-amber\" role=\"note\">TLP:AMBER</p>");

            var api = await app.CreateClient().GetStringAsync($"/api/v1/diligence/{kind}/{subject}", Ct);
            api.Should().NotContain(canary).And.Contain("\"marking\":\"CLEAR\"");
            (await app.CreateClient().GetStringAsync($"/diligence/{kind}/{subject}", Ct)).Should().NotContain(canary);
        }

        // Through the API with an AMBER reader's token: the same report as the handler gave, banner and all.
        var (_, token) = await app.CreateAccountAsync(Unique("amber-reader"), [Roles.Reader], Marking.Amber, TokenScope.Read);
        var read = await app.CreateClient(token).GetStringAsync("/api/v1/diligence/vendor/intellexa-sa", Ct);
        read.Should().Contain(measureCanary).And.Contain("\"marking\":\"AMBER\"");
    }

    [Fact]
    public async Task NoTargetIdentity_AppearsInAReport_InAnyFormat_EvenForAReaderClearedForRed()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var identity = "Zqxv " + Guid.NewGuid().ToString("N")[..8] + "canary";
        var pseudonym = "Target-" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        await using (var db = app.CreateDb())
        {
            var keyring = app.Services.GetRequiredService<Vigil.Protection.TargetKeyring>();
            var (cipher, keyId) = keyring.Encrypt(pseudonym, identity);
            var germany = await db.Actors.SingleAsync(a => a.Slug == "germany", Ct);
            var nso = await db.Actors.SingleAsync(a => a.Slug == "nso-group", Ct);
            db.Incidents.Add(new Incident
            {
                Slug = Unique("identity-incident"), Title = "Identity canary incident", Country = "FR", DisclosedOn = "2026-09-01", Status = ReviewStatus.Published,
                Operators = [new IncidentOperator { ActorId = germany.Id, Confidence = Confidence.High }],
                Vendors = [new IncidentVendor { ActorId = nso.Id }],
                Targets = [new Target { Slug = Unique("identity-target"), Pseudonym = pseudonym, Category = TargetCategory.Journalist, ResidenceCountry = "FR",
                    Consent = ConsentStatus.PublicRecord, IdentityCipher = cipher, IdentityKeyId = keyId, Status = ReviewStatus.Published }],
            });
            await db.SaveChangesAsync(Ct);
        }
        var red = (await ReportAsync(Cleared(Marking.Red), DiligenceKinds.Customer, "germany"))!;
        red.Sections.Single(s => s.Id == "incidents").Lines.Should().Contain(l => l.Text.StartsWith("Identity canary incident", StringComparison.Ordinal)
            && l.Text.Contains("transnational repression: targeted someone living in France", StringComparison.Ordinal));
        var vendor = (await ReportAsync(Cleared(Marking.Red), DiligenceKinds.Vendor, "nso-group"))!;
        vendor.Sections.Single(s => s.Id == "incidents").Lines.Should().Contain(l => l.Text.StartsWith("Identity canary incident", StringComparison.Ordinal));
        foreach (var text in new[]
        {
            BriefPlainText.Write(red), BriefHtml.Document(red), BriefPlainText.Write(vendor), BriefHtml.Document(vendor),
            await app.CreateClient().GetStringAsync("/api/v1/diligence/customer/germany", Ct),
            await app.CreateClient().GetStringAsync("/api/v1/diligence/vendor/nso-group", Ct),
            await app.CreateClient().GetStringAsync("/diligence/customer/germany", Ct),
        })
        {
            text.Should().NotContain(identity).And.NotContain(identity.Split(' ')[1]);
        }
    }

    [Fact]
    public async Task Reports_AreReachedFromTheActorPage_TheScreeningPage_AndTheIndexByName()
    {
        TestDatabase.RequireAvailable(app.Kind);
        (await app.CreateClient().GetStringAsync("/actors/intellexa-sa", Ct)).Should().Contain("href=\"/diligence/vendor/intellexa-sa\"");
        (await app.CreateClient().GetStringAsync("/actors/poland", Ct)).Should().Contain("href=\"/diligence/customer/poland\"");
        (await app.CreateClient().GetStringAsync("/screening", Ct)).Should().Contain("href=\"/diligence\"");

        var byName = await app.CreateClient().GetAsync("/diligence?vendor=" + Uri.EscapeDataString("Intellexa S.A."), Ct);
        byName.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/diligence/vendor/intellexa-sa");
        var customer = await app.CreateClient().GetAsync("/diligence?customer=Poland", Ct);
        customer.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/diligence/customer/poland");
        // A name no state has stays on the index, which says so (or lists what it may mean).
        var unknown = await app.CreateClient().GetAsync("/diligence?customer=Atlantis", Ct);
        unknown.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/diligence");
        (await unknown.Content.ReadAsStringAsync(Ct)).Should().Contain("“Atlantis”");
    }

    [Fact]
    [Trait("Category", "Browser")]
    public async Task CustomerReport_PrintedToPdfByTheBriefsPrinter_HoldsItsTitleVerdictsAndBanner()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var response = await app.CreateClient().GetAsync("/diligence/customer/rwanda?format=pdf", Ct);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf", await response.Content.ReadAsStringAsync(Ct));
        var pdf = Path.Combine(Path.GetTempPath(), $"vigil-diligence-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(pdf);
            start.ArgumentList.Add("-");
            using var process = System.Diagnostics.Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            var flat = string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));
            flat.Should().Contain("Due diligence on a prospective customer: Rwanda").And.Contain("TLP:CLEAR").And.Contain("Verdict:")
                .And.Contain("transnational repression");
        }
        finally
        {
            File.Delete(pdf);
        }
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteDiligenceCollection.Name)]
public sealed class SqliteDiligenceTests(SqliteApp app) : DiligenceTests(app);

[Trait("Database", "Postgres")]
[Collection(PostgresDiligenceCollection.Name)]
public sealed class PostgresDiligenceTests(PostgresApp app) : DiligenceTests(app);
