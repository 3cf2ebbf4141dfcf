using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Vigil.Features.Import;
using Vigil.Formats.VigilData;
using Vigil.Model;
using Xunit;

namespace Vigil.Core.Tests.Features.Import;

/// <summary>Rules on the files of data/ that the importer does not enforce on every dataset, only on the starter one.</summary>
public sealed partial class StarterDataFilesTests
{
    private static readonly Lazy<DataSet> s_data = new(() =>
    {
        var errors = new List<ImportError>();
        var set = DataFolder.Read(ImportFixtures.RealData(), errors);
        errors.Should().BeEmpty();
        return set;
    });

    // Headlines read on the page in the December 2026 check that happen to repeat the page's address;
    // any other verified title that reads like its address is suspected of being made from it.
    private static readonly HashSet<string> s_headlinesCheckedAgainstThePage =
    [
        "bournemouth-britain-and-france-assemble-diplomats-for-international-agreement",
        "business-humanrights-spyware-reform-led-by-france-and-uk-advances-with-new-code",
        "cadeproject-pall-mall-process-global-spyware-regulation-gains-ground",
        "carder-this-week-a-conference-is-being-held-in-london-organized-jointly-by-the",
        "channellife-international-code-targets-responsible-cyber-intrusion-use",
        "dailyherald-2025-09-02-ice-reactivates-contract-with-previously-banned-spyware",
        "dig-us-imposes-sanctions-on-intellexa-spyware-vendor",
        "dnews-athens-court-hands-first-convictions-in-greece-s-predator-spyware-scandal",
        "dnews-prosecutor-seeks-convictions-in-greece-s-illegal-predator-spyware-case",
        "globalsecuritywire-2025-06-04-tackling-the-proliferation-of-cyber-intrusion",
        "gov-the-pall-mall-process-code-of-practice-for-states",
        "gov-the-pall-mall-process-declaration-tackling-the-proliferation-and",
        "graces-addition-of-certain-entities-to-the-entity-list",
        "regjeringen-joint-statement-on-efforts-to-counter-the-proliferation-and-misuse",
        "scworld-ice-contract-with-paragon-spyware-revived",
        "securityboulevard-2025-04-21-countries-sign-onto-voluntary-pact-to-stem-the",
        "techtelegraph-german-tech-executives-charged-over-export-control-breaches",
        "thefederalnewswire-governments-issue-joint-statement-on-combating-misuse-of",
        "thewashingtonfederalist-2023-07-26-the-united-states-adds-foreign-companies-to",
        "traitcraft-ceo-of-spyware-maker-memento-labs-confirms-one-of-its-government",
        "worldecr-four-indicted-in-germany-for-violating-export-controls-on-surveillance",
    ];

    [Fact]
    public void NoPublishedSourceTitle_IsMadeFromItsUrl_UnlessFlaggedUnverified()
    {
        var suspect = s_data.Value.Sources.Select(f => f.Record)
            .Where(s => s.Status == "published" && s.TitleVerified == true && s.Url is not null)
            .Where(s => ReadsLikeItsAddress(s.Title!, s.Url!) && !s_headlinesCheckedAgainstThePage.Contains(s.Id!))
            .Select(s => $"{s.Id}: {s.Title}").ToList();

        suspect.Should().BeEmpty("a title made from the address is flagged as not verified, and then shown as publisher and address");
        s_data.Value.Sources.Count(s => s.Record.TitleVerified == true).Should().BeGreaterThan(30);
    }

    [Theory]
    [InlineData("NSO Grou sanctioned Commerce department", "https://www.upi.com/Top_News/US/2021/11/03/NSO-Grou-sanctioned-commerce-department/3571635960025/")]
    [InlineData("Index", "https://example.org/index.html")]
    [InlineData("564975", "https://www.dnews.gr/eidhseis/564975")]
    public void ReadsLikeItsAddress_CatchesTitlesMadeFromAddresses(string title, string url) =>
        ReadsLikeItsAddress(title, url).Should().BeTrue();

    [Fact]
    public void UnverifiedTitles_AreShownAsPublisherAndAddress_NeverAsTheMadeUpWords()
    {
        var shown = Source.DisplayTitle("NSO Grou sanctioned Commerce department", false, "UPI",
            "https://www.upi.com/Top_News/US/2021/11/03/NSO-Grou-sanctioned-commerce-department/3571635960025/");

        shown.Should().StartWith("UPI — upi.com/Top_News/US/2021/11/03/NSO-Grou-sanctioned-commerce-department");
        Source.DisplayTitle("Treasury sanctions Intellexa", true, "Axios", "https://www.axios.com/x").Should().Be("Treasury sanctions Intellexa");
    }

    [Fact]
    public void EveryPublishedRecord_HasACitation()
    {
        var d = s_data.Value;
        var uncited = d.Actors.Select(f => (f.Path, f.Record.Status, f.Record.Citations))
            .Concat(d.Products.Select(f => (f.Path, f.Record.Status, f.Record.Citations)))
            .Concat(d.Relationships.Select(f => (f.Path, f.Record.Status, f.Record.Citations)))
            .Concat(d.Incidents.Select(f => (f.Path, f.Record.Status, f.Record.Citations)))
            .Concat(d.Measures.Select(f => (f.Path, f.Record.Status, f.Record.Citations)))
            .Concat(d.Endorsements.Select(f => (f.Path, f.Record.Status, f.Record.Citations)))
            .Where(r => r.Status == "published" && r.Citations is not { Count: > 0 })
            .Select(r => r.Path).ToList();

        uncited.Should().BeEmpty();
        (d.Actors.Count + d.Measures.Count + d.Endorsements.Count).Should().BeGreaterThan(400, "the real folder was read");
    }

    [Fact]
    public void SourcesCarryTheirEvidenceKind_AndTheForumRewriteIsTertiary()
    {
        var sources = s_data.Value.Sources.ToDictionary(f => f.Record.Id!, f => f.Record);
        sources["carder-this-week-a-conference-is-being-held-in-london-organized-jointly-by-the"].Evidence.Should().Be("tertiary");
        sources["gov-the-pall-mall-process-code-of-practice-for-states"].Evidence.Should().Be("primary");
        sources.Values.Where(s => s.Evidence is not null).Should().OnlyContain(s => s.Evidence == "primary" || s.Evidence == "tertiary");
    }

    // The retired generator's privacy check, kept: no person targeted with spyware is named anywhere in
    // data/. The names come from the fact base beside the repository where it is present (it is not
    // committed), and always include a few public cases.
    [Fact]
    public void NoTargetedPerson_IsNamedInAnyDataFile()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Ahmed Mansoor", "Thanasis Koukakis", "Ahmed Eltantawy", "Francesco Cancellato", "Galina Timchenko" };
        for (var dir = new DirectoryInfo(ImportFixtures.RealData()); dir is not null; dir = dir.Parent)
        {
            var facts = Path.Combine(dir.FullName, "shared", "facts", "facts.json");
            if (File.Exists(facts))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(facts));
                foreach (var person in doc.RootElement.GetProperty("people").EnumerateArray())
                {
                    if (person.TryGetProperty("isTarget", out var t) && t.ValueKind == JsonValueKind.True)
                    {
                        names.Add(person.GetProperty("name").GetString()!);
                    }
                }
                break;
            }
        }
        var files = Directory.EnumerateFiles(ImportFixtures.RealData(), "*.yaml", SearchOption.AllDirectories).ToList();
        var hits = files.SelectMany(f => { var text = File.ReadAllText(f); return names.Where(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"{f}: {n}"); }).ToList();

        hits.Should().BeEmpty();
        files.Count.Should().BeGreaterThan(900);
    }

    /// <summary>True when every word of the title appears, in order, in the address (a slug turned into words), or the title is one bare word.</summary>
    internal static bool ReadsLikeItsAddress(string title, string url)
    {
        var words = Words().Matches(title.ToLowerInvariant()).Select(m => m.Value).ToList();
        var address = " " + string.Join(' ', Words().Matches(Uri.UnescapeDataString(url).ToLowerInvariant()).Select(m => m.Value)) + " ";
        return words.Count == 1 || words.Count > 0 && address.Contains(" " + string.Join(' ', words) + " ", StringComparison.Ordinal);
    }

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex Words();
}
