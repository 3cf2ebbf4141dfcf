using System.Text;
using FluentAssertions;
using Vigil.Core.Tests.Features.Import;
using Vigil.Features.Import;
using Vigil.Features.Sanctions;
using Xunit;

namespace Vigil.Core.Tests.Features.Sanctions;

/// <summary>Reading OFAC's legacy SDN CSV: the real list, its quirks, and malformed rows.</summary>
public sealed class SdnFileTests
{
    public static string Fixture => Path.Combine(ImportFixtures.Root, "sdn", "ofac-sdn-2024-04-26.csv");

    /// <summary>The whole list from shared/data, found walking up from the test assembly; null where absent.</summary>
    public static string? RealList()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
            {
                var file = Path.Combine(candidate, "sanctions", "ofac-sdn-2024-04-26.csv");
                if (File.Exists(file))
                {
                    return file;
                }
            }
        }
        return null;
    }

    [Fact]
    public void TheRealList_EveryRowIsRead()
    {
        var file = RealList();
        Assert.SkipWhen(file is null, "shared/data/sanctions/ofac-sdn-2024-04-26.csv is not beside this checkout");
        var bytes = File.ReadAllBytes(file!);
        var rows = Encoding.Latin1.GetString(bytes).Split("\r\n").Count(l => l.Length > 0 && char.IsAsciiDigit(l[0]));

        var entries = SdnFile.Read(file!);

        entries.Should().HaveCount(rows).And.HaveCount(14668);
        entries.Select(e => e.EntNum).Should().OnlyHaveUniqueItems();
        entries.Last().Name.Should().NotContain("\u001a");
        entries.Where(e => e.Programmes.Contains("CYBER2")).Should().HaveCount(243);
    }

    [Fact]
    public void TheCyber2Designations_OfTheIntellexaConsortium_AreFound_WithNamesCountriesAndDates()
    {
        var entries = SdnFile.Read(Fixture).ToDictionary(e => e.EntNum);

        entries["48059"].Should().Match<SdnEntry>(e => e.Name == "INTELLEXA S.A." && e.Type == null && e.Country == "GR" && e.Date == "2020-03-11");
        entries["48059"].Programmes.Should().Equal("CYBER2");
        entries["48064"].Should().Match<SdnEntry>(e => e.Name == "INTELLEXA LIMITED" && e.Country == "IE");
        entries["48067"].Should().Match<SdnEntry>(e => e.Name == "CYTROX AD" && e.Date == "2017");
        entries["48069"].Should().Match<SdnEntry>(e => e.Name == "CYTROX HOLDINGS ZARTKORUEN MUKODO RESZVENYTARSASAG" && e.Country == "HU");
        entries["48076"].Should().Match<SdnEntry>(e => e.Name == "THALESTRIS LIMITED" && e.Country == "IE");
        var dilian = entries["48060"];
        dilian.Should().Match<SdnEntry>(e => e.IsPerson && e.DisplayName == "Tal Jonathan DILIAN" && e.Country == "IL" && e.Date == "1961-08-21");
        var hamou = entries["48061"];
        hamou.Should().Match<SdnEntry>(e => e.IsPerson && e.DisplayName == "Sara Aleksandra Fayssal HAMOU" && e.Country == "PL" && e.Date == "1984-06-27");
    }

    [Fact]
    public void Quirks_NullsProgrammesAndAliasesInRemarks()
    {
        var entries = SdnFile.Read(Fixture).ToDictionary(e => e.EntNum);

        // -0- is empty; "A] [B" is a list of programmes; a.k.a. names are aliases.
        entries["36"].Should().Match<SdnEntry>(e => e.Name == "AEROCARIBBEAN AIRLINES" && e.Type == null && e.Title == null && e.Remarks == null);
        entries["306"].Aliases.Should().Equal("BNC");
        entries["12111"].Programmes.Should().Equal("SDGT", "SYRIA", "IFSR", "IRAN-HR", "HRIT-IR", "CYBER2", "HOSTAGES-EO14078");
        entries["12111"].Aliases.Should().Equal("MOIS", "VEVAK");
        entries["22950"].Aliases.Should().Equal("IT SECURITY & PENETRATION TESTING TEAM", "POOYA DIGITAL SECURITY GROUP");
        entries["21328"].Title.Should().Be("Chief of GRU");
    }

    [Fact]
    public void AltAndAddressFiles_BesideTheList_AddAliasesAndCountries()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-sdn-").FullName;
        File.Copy(Fixture, Path.Combine(dir, "sdn.csv"));
        // Companion rows in OFAC's layout (ent_num, alt_num, type, name, remarks / ent_num, add_num, address, city, country, remarks).
        File.WriteAllText(Path.Combine(dir, "ALT.CSV"), "48067,90001,\"aka\",\"CYTROX\",-0- \r\n\u001a", Encoding.Latin1);
        File.WriteAllText(Path.Combine(dir, "ADD.CSV"), "48067,90002,-0- ,\"Skopje\",\"North Macedonia\",-0- \r\n\u001a", Encoding.Latin1);

        var cytrox = SdnFile.Read(Path.Combine(dir, "sdn.csv")).Single(e => e.EntNum == "48067");

        cytrox.Aliases.Should().Equal("CYTROX");
        cytrox.Country.Should().Be("MK");
    }

    [Fact]
    public void MalformedRows_AreReported_WithTheirLineNumbers()
    {
        var lines = File.ReadAllText(Fixture, Encoding.Latin1).TrimEnd('\u001a').Split("\r\n").Where(l => l.Length > 0).ToList();
        lines[4] = "48999,\"MISSING FIELDS\",-0- ,\"CYBER2\"";
        lines[9] = "X12,\"NOT A NUMBER\",-0- ,\"CYBER2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ";
        lines[20] = lines[3];
        var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-sdn-").FullName, "sdn-2024-05-01.csv");
        File.WriteAllText(file, string.Join("\r\n", lines) + "\r\n", Encoding.Latin1);

        var act = () => SdnFile.Read(file);

        var errors = act.Should().Throw<ImportRejectedException>().Which.Errors;
        errors.Select(e => (e.Line, e.Field)).Should().Equal((5, null), (10, "ent_num"), (21, "ent_num"));
        errors[0].ToString().Should().StartWith("sdn-2024-05-01.csv:5: record '48999': expected 12 fields, found 4");
        errors[2].Message.Should().Contain("appears twice");
    }

    [Fact]
    public void AnUnclosedQuote_IsReported_AtTheLineItOpens()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-sdn-").FullName, "sdn-2024-05-01.csv");
        File.WriteAllText(file, "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n173,\"ANGLO-CARIBBEAN CO., LTD.,-0- ,\"CUBA\"\r\n", Encoding.Latin1);

        var errors = FluentActions.Invoking(() => SdnFile.Read(file)).Should().Throw<ImportRejectedException>().Which.Errors;

        errors.Should().Contain(e => e.Line == 2);
    }
}
