using System.Diagnostics;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Access;
using Vigil.Features;
using Vigil.Features.Briefs;
using Vigil.Model;
using Vigil.Testing;
using Xunit;
using static Vigil.Web.Tests.Api.ApiTestSupport;

namespace Vigil.Web.Tests.Briefs;

// Briefs get apps of their own: the AMBER canaries they plant must not reach other classes' counts.
[CollectionDefinition(Name)]
public sealed class SqliteBriefCollection : ICollectionFixture<SqliteApp>
{
    public const string Name = "Briefs on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresBriefCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "Briefs on PostgreSQL";
}

/// <summary>Briefs for government readers on the starter dataset: page, PDF, access rule, footnotes, CLI-facing handler.</summary>
public abstract class BriefTests(VigilApp app)
{
    /// <summary>Reads a brief through the same handlers the page and CLI use, as <paramref name="reader"/>.</summary>
    private async Task<BriefDocument?> BriefAsync(Reader reader, string kind, string subject)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(TimeProvider.System);
        services.AddVigilFeatures();
        services.AddScoped(_ => app.CreateDb(reader));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GetBriefHandler>().HandleAsync(kind, subject, Ct);
    }

    private static Reader Cleared(Marking clearance) => new($"reader-{clearance}", clearance, SeesUnpublished: false, CanEdit: false);

    private static IEnumerable<string> Lines(BriefDocument doc) => doc.Sections.SelectMany(s => s.Lines.Select(l => $"{s.Id}: {l.Text}"));

    [Fact]
    public async Task CountryBrief_ForTheUnitedKingdom_SummarisesFootnotesAndMarksItsContent()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var html = await app.CreateClient().GetStringAsync("/briefs/country/united-kingdom", Ct);

        html.Should().Contain("Country brief: United Kingdom").And.Contain("id=\"brief-summary\"")
            .And.Contain("United Kingdom endorsed the Joint Statement").And.Contain("TLP:CLEAR")
            .And.Contain("Data version").And.Contain("As of").And.Contain("Published records marked TLP:CLEAR only");
        html.Should().MatchRegex("<sup class=\"brief-ref\"><a href=\"#fn-1\"").And.MatchRegex("<li id=\"fn-1\"[^>]*>[^<]+<a class=\"brief-url\" href=\"https?://");
        // Pseudonyms only: a starter incident against a diplomat in the United Kingdom.
        html.Should().Contain("Target-D2N8 (diplomat)");

        var actor = await app.CreateClient().GetStringAsync("/actors/united-kingdom", Ct);
        actor.Should().Contain("href=\"/briefs/country/united-kingdom\"").And.Contain("href=\"/briefs/state-gaps/united-kingdom\"");
        (await app.CreateClient().GetAsync("/briefs/country/no-such-state", Ct)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync("/briefs/country/united-kingdom?format=docx", Ct)).Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task CountryBrief_ThePublicAndAnAmberReader_DifferExactlyByTheAmberRecords()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var measureCanary = Unique("Canary amber investigation");
        var pseudonym = "Canary-" + Guid.NewGuid().ToString("N")[..6];
        await using (var db = app.CreateDb())
        {
            var uk = await db.Actors.SingleAsync(a => a.Slug == "united-kingdom", Ct);
            db.Measures.Add(new Measure
            {
                Slug = Unique("amber-uk-measure"), Title = measureCanary, Type = MeasureType.Investigation, AuthorityId = uk.Id,
                AnnouncedDate = "2026-11-01", Marking = Marking.Amber, Status = ReviewStatus.Published,
            });
            db.Incidents.Add(new Incident
            {
                Slug = Unique("amber-uk-incident"), Title = "Canary amber incident", Country = "GB", DisclosedOn = "2026-10-01",
                Marking = Marking.Amber, Status = ReviewStatus.Published,
                Targets = [new Target { Slug = Unique("amber-target"), Pseudonym = pseudonym, Category = TargetCategory.Journalist, ResidenceCountry = "GB", Marking = Marking.Amber, Status = ReviewStatus.Published }],
            });
            await db.SaveChangesAsync(Ct);
        }

        var pub = (await BriefAsync(Reader.Anonymous, BriefKinds.Country, "united-kingdom"))!;
        var amber = (await BriefAsync(Cleared(Marking.Amber), BriefKinds.Country, "united-kingdom"))!;

        pub.Marking.Should().Be(Marking.Clear);
        amber.Marking.Should().Be(Marking.Amber);
        Lines(pub).Except(Lines(amber)).Should().BeEmpty();
        Lines(amber).Except(Lines(pub)).Should().HaveCount(2).And.Contain(l => l.StartsWith("measures: ", StringComparison.Ordinal) && l.Contains(measureCanary, StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("targets: ", StringComparison.Ordinal) && l.Contains(pseudonym, StringComparison.Ordinal));
        BriefHtml.Document(pub).Should().NotContain(pseudonym).And.NotContain(measureCanary).And.Contain("TLP:CLEAR");
        BriefHtml.Document(amber).Should().Contain(pseudonym).And.Contain("<p class=\"tlp-banner tlp-amber\" role=\"note\">TLP:AMBER</p>");
        (await app.CreateClient().GetStringAsync("/briefs/country/united-kingdom", Ct)).Should().NotContain(pseudonym).And.NotContain(measureCanary);
    }

    [Fact]
    public async Task GapReport_ForIntellexa_GroupsMembersByTheAlliesThatHaveNotActed_AndRecommendsOneMeasureEach()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var doc = (await BriefAsync(Reader.Anonymous, BriefKinds.VendorGaps, "intellexa-sa"))!;
        TestContext.Current.TestOutputHelper?.WriteLine(BriefPlainText.Write(doc));

        doc.Summary.Should().Contain(s => s.Contains("signatories of the Joint Statement", StringComparison.Ordinal) && s.Contains("United States", StringComparison.Ordinal));
        var members = doc.Sections.Single(s => s.Id == "members").Lines;
        members.Should().NotBeEmpty();
        members.SelectMany(l => l.Details ?? []).Should().Contain(d => d.StartsWith("Intellexa S.A. (the vendor): ", StringComparison.Ordinal) && d.Contains("sanctioned by Office of Foreign Assets Control (2024-03-05)", StringComparison.Ordinal));
        // Grouped: each member once, under the allies that left it alone.
        members.SelectMany(l => l.Details ?? []).Select(d => d[..d.IndexOf(" (", StringComparison.Ordinal)]).Should().OnlyHaveUniqueItems();
        var recommended = doc.Sections.Single(s => s.Id == "recommended").Lines;
        recommended.Should().Contain(l => l.Text.StartsWith("Sanction Intellexa S.A., as Office of Foreign Assets Control did", StringComparison.Ordinal));
        recommended.Select(l => l.Text).Should().OnlyHaveUniqueItems();
        doc.Footnotes.Should().NotBeEmpty();
        members.Concat(recommended).Should().OnlyContain(l => l.Notes.All(n => doc.Footnotes.Any(f => f.Number == n)));

        var state = (await BriefAsync(Reader.Anonymous, BriefKinds.StateGaps, "united-kingdom"))!;
        TestContext.Current.TestOutputHelper?.WriteLine(BriefPlainText.Write(state));
        state.Summary[0].Should().StartWith("United Kingdom, a signatory of the Joint Statement");
        state.Sections.Should().Contain(s => s.Id == "vendor-intellexa-sa" || s.Lines.Any(l => l.Text.StartsWith("Intellexa S.A.:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task VendorDossierAndScorecardReport_HaveEverySection_AndCiteTheirClaims()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var dossier = (await BriefAsync(Reader.Anonymous, BriefKinds.Vendor, "intellexa-sa"))!;
        TestContext.Current.TestOutputHelper?.WriteLine(BriefPlainText.Write(dossier));
        dossier.Sections.Select(s => s.Id).Should().Equal("network", "products", "customers", "incidents", "measures", "words-actions", "reply");
        dossier.Sections.Single(s => s.Id == "network").Lines.Should().NotBeEmpty().And.OnlyContain(l => l.Notes.Count > 0);
        dossier.Sections.Single(s => s.Id == "measures").Lines.Should().Contain(l => l.Text.Contains("Office of Foreign Assets Control", StringComparison.Ordinal));

        var card = (await BriefAsync(Reader.Anonymous, BriefKinds.Scorecard, "pall-mall-code"))!;
        TestContext.Current.TestOutputHelper?.WriteLine(BriefPlainText.Write(card));
        card.Sections.Single().Lines.Should().Contain(l => l.Text.StartsWith("United Kingdom: ", StringComparison.Ordinal))
            .And.OnlyContain(l => l.Text.Contains(" rated;", StringComparison.Ordinal));
        (await app.CreateClient().GetStringAsync("/briefs/vendor/intellexa-sa", Ct)).Should().Contain("Vendor dossier: Intellexa S.A.");
        (await app.CreateClient().GetStringAsync("/briefs", Ct)).Should().Contain("href=\"/briefs/country/united-kingdom\"");
    }

    [Fact]
    [Trait("Category", "Browser")]
    public async Task CountryBrief_PrintedToPdfByChromium_HoldsTheSummaryAFootnoteUrlAndTheBanner()
    {
        TestDatabase.RequireAvailable(app.Kind);
        var response = await app.CreateClient().GetAsync("/briefs/country/united-kingdom?format=pdf", Ct);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf", await response.Content.ReadAsStringAsync(Ct));
        var pdf = Path.Combine(Path.GetTempPath(), $"vigil-brief-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
        try
        {
            var text = await PdfTextAsync(pdf);
            var flat = string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));
            flat.Should().Contain("Country brief: United Kingdom").And.Contain("TLP:CLEAR").And.Contain("Summary")
                .And.Contain("United Kingdom endorsed the Joint Statement");
            // A footnote's URL (a long one may wrap across lines in print: compare without white space).
            var doc = (await BriefAsync(Reader.Anonymous, BriefKinds.Country, "united-kingdom"))!;
            var url = doc.Footnotes.First(f => f.Url is not null).Url!;
            string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Should().Contain(url);
        }
        finally
        {
            File.Delete(pdf);
        }
    }

    private static async Task<string> PdfTextAsync(string pdf)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-layout");
        start.ArgumentList.Add(pdf);
        start.ArgumentList.Add("-");
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        process.ExitCode.Should().Be(0, "pdftotext (poppler-utils) reads the PDF");
        return text;
    }
}

[Trait("Database", "Sqlite")]
[Collection(SqliteBriefCollection.Name)]
public sealed class SqliteBriefTests(SqliteApp app) : BriefTests(app);

[Trait("Database", "Postgres")]
[Collection(PostgresBriefCollection.Name)]
public sealed class PostgresBriefTests(PostgresApp app) : BriefTests(app);
