using System.Text;
using FluentAssertions;
using Xunit;

namespace Vigil.Cli.Tests;

/// <summary>
/// <c>vigil incidents import|export|identities</c> on a temporary SQLite file seeded with the starter data:
/// a bad CSV names the line and the field and writes nothing; a good one imports once; an export carries
/// a real identity only with --with-identities, and that export is audited.
/// </summary>
public sealed class IncidentsCommandTests : IDisposable
{
    private const string Name = "Qwzx Csvcanary";

    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-cli-incidents-").FullName;

    private string DbPath => Path.Combine(_folder, "vigil.db");

    private static string DataFolder => Path.Combine(AppContext.BaseDirectory, "data");

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text, Encoding.UTF8);
        return path;
    }

    private const string Header = "slug,title,first_seen,country,forensic_status,vector,products,vendors,operators,targets,marking,status,sources,identities";

    [Fact]
    public async Task Import_OfABadCsv_NamesLineAndField_WritesNothing_ThenAGoodOneImportsOnce_AndExportsIdentitiesOnlyWhenAsked()
    {
        (await RunAsync("import", DataFolder, "--database", DbPath)).Code.Should().Be(0);
        var before = await RunAsync("incidents", "export", "--out", Path.Combine(_folder, "before.csv"), "--database", DbPath);
        before.Code.Should().Be(0, before.Err);

        var bad = Write("bad.csv", Header + "\n"
            + "csv-good-one,Good row,2024-01,GR,lab-confirmed,zero-click,predator,intellexa-consortium,greece:moderate,Target-QC01=journalist/GR//public-record,CLEAR,draft,,Target-QC01=" + Name + "\n"
            + "csv-bad-vector,Bad vector,2024-02,GR,lab-confirmed,by-pigeon,predator,,,,CLEAR,draft,,\n"
            + "csv-bad-vendor,Bad vendor,2024-03,GR,suspected,unknown,,no-such-vendor,,,CLEAR,draft,,\n");
        var refused = await RunAsync("incidents", "import", bad, "--database", DbPath);
        refused.Code.Should().Be(1);
        refused.Err.Should().Contain("bad.csv:3").And.Contain("vector").And.Contain("by-pigeon");
        refused.Err.Should().Contain("bad.csv:4").And.Contain("vendors").And.Contain("no-such-vendor");
        refused.Err.Should().Contain("nothing was written").And.NotContain(Name);
        var afterRefusal = await RunAsync("incidents", "export", "--out", Path.Combine(_folder, "after-refusal.csv"), "--database", DbPath);
        afterRefusal.Out.Should().Be(before.Out.Replace("before.csv", "after-refusal.csv", StringComparison.Ordinal), "a bad file writes nothing, not even its good rows");

        // One input guard: a file saved as Latin-1 is refused with the byte offset, not read with U+FFFD.
        var latin1 = Path.Combine(_folder, "latin1.csv");
        await File.WriteAllTextAsync(latin1, Header + "\ncsv-latin1,Überwachung in Zürich,2024-01,GR,suspected,unknown,,,,,CLEAR,draft,,\n", Encoding.Latin1, TestContext.Current.CancellationToken);
        var notUtf8 = await RunAsync("incidents", "import", latin1, "--database", DbPath);
        notUtf8.Code.Should().Be(1, notUtf8.Out);
        notUtf8.Err.Should().Contain("latin1.csv").And.Contain("not UTF-8").And.Contain($"byte offset {Header.Length + 1 + "csv-latin1,".Length}");

        var good = Write("good.csv", Header + "\n"
            + "csv-good-one,Good row,2024-01,GR,lab-confirmed,zero-click,predator,intellexa-consortium,greece:moderate,Target-QC01=journalist/GR//public-record,CLEAR,draft,,Target-QC01=" + Name + "\n");
        var imported = await RunAsync("incidents", "import", good, "--database", DbPath);
        imported.Code.Should().Be(0, imported.Err);
        imported.Out.Should().Contain("1 created").And.NotContain(Name);
        var again = await RunAsync("incidents", "import", good, "--database", DbPath);
        again.Out.Should().Contain("0 created, 0 updated");

        var plain = Path.Combine(_folder, "plain.csv");
        (await RunAsync("incidents", "export", "--out", plain, "--database", DbPath)).Code.Should().Be(0);
        var plainText = await File.ReadAllTextAsync(plain, TestContext.Current.CancellationToken);
        plainText.Should().Contain("csv-good-one").And.Contain("Target-QC01=journalist/GR//public-record").And.NotContain(Name);
        plainText.Should().NotContain("identities");

        var full = Path.Combine(_folder, "full.csv");
        var withNames = await RunAsync("incidents", "export", "--out", full, "--with-identities", "--database", DbPath);
        withNames.Code.Should().Be(0, withNames.Err);
        withNames.Out.Should().Contain("audit log").And.NotContain(Name);
        (await File.ReadAllTextAsync(full, TestContext.Current.CancellationToken)).Should().Contain($"Target-QC01={Name}");
        var audit = await RunAsync("audit", "list", "--database", DbPath);
        audit.Out.Should().Contain("export incidents-csv with identities: 1 identity").And.NotContain(Name);

        foreach (var file in Directory.EnumerateFiles(_folder, "vigil.db*"))
        {
            Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken)).Should().NotContain(Name, $"{file} holds ciphertext only");
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a pooled connection still holds the file; the OS cleans temp folders
        }
    }
}
