using System.Text;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Features.Import;
using Vigil.Features.Sanctions;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Sanctions;

/// <summary>
/// A bounded, seeded fuzz of the list importers with what an outside probe fed them: NUL bytes, Latin-1
/// where UTF-8 is due, right-to-left overrides and invisible names, names far too long, files cut short or
/// empty. Each import either succeeds or is refused with errors that name the file and where; a refused
/// import writes nothing; nothing stored holds a NUL or an override.
/// </summary>
public abstract class ImportFuzzTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private const int Seed = 14;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<long> CountAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Actors.LongCountAsync(Ct) + await db.Measures.LongCountAsync(Ct) + await db.Sources.LongCountAsync(Ct) + await db.Revisions.LongCountAsync(Ct);
    }

    private static readonly string[] s_names = ["\u0000", "\u200B", "ACME\u202ECORP", "ACME\u0000CORP", new string('X', 600), "ACME\u2066CORP"];

    [Fact]
    public async Task FuzzedFtmFiles_AreImportedOrRefusedWithTheirLine_AndARefusalWritesNothing()
    {
        var random = new Random(Seed);
        var lines = File.ReadAllLines(ImportFtmTests.Fixture);
        for (var round = 0; round < 8; round++)
        {
            var mutated = lines.ToList();
            var line = random.Next(mutated.Count);
            byte[] bytes;
            switch (round % 4)
            {
                case 0:
                    mutated[line] = mutated[line].Replace("\"caption\": \"", "\"caption\": \"" + s_names[random.Next(s_names.Length)].Replace("\u0000", "\\u0000", StringComparison.Ordinal), StringComparison.Ordinal);
                    bytes = Encoding.UTF8.GetBytes(string.Join('\n', mutated));
                    break;
                case 1:
                    bytes = Encoding.Latin1.GetBytes(string.Join('\n', mutated).Replace("\"schema\"", "\"sch\u00e4ma_x\": 1, \"schema\"", StringComparison.Ordinal));
                    break;
                case 2:
                    bytes = Encoding.UTF8.GetBytes(string.Join('\n', mutated)[..random.Next(1, 2000)]);
                    break;
                default:
                    bytes = [];
                    break;
            }
            var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-fuzz-").FullName, $"round-{round}.ftm.json");
            await File.WriteAllBytesAsync(file, bytes, Ct);
            var before = await CountAsync();
            try
            {
                await using var db = Database.CreateContext();
                await new ImportFtmHandler(db, TimeProvider.System).HandleAsync(file, Ct);
            }
            catch (ImportRejectedException e)
            {
                e.Errors.Should().NotBeEmpty().And.OnlyContain(x => x.File == Path.GetFileName(file), $"round {round}");
                e.Errors.Should().OnlyContain(x => x.Line != null || x.Message.Contains("byte offset") || x.Message.Contains("no entity"), $"round {round}: the error says where");
                (await CountAsync()).Should().Be(before, $"round {round} was refused, so nothing is written");
            }
        }
        await AssertNothingHiddenStoredAsync();
    }

    [Fact]
    public async Task FuzzedSdnFiles_AreImportedOrRefusedWithTheirLine_AndARefusalWritesNothing()
    {
        var random = new Random(Seed);
        var rows = File.ReadAllText(SdnFileTests.Fixture, Encoding.Latin1).TrimEnd('\u001a').Split("\r\n").Where(l => l.Length > 0).ToList();
        for (var round = 0; round < 6; round++)
        {
            var mutated = rows.ToList();
            var i = random.Next(mutated.Count);
            var name = s_names[random.Next(s_names.Length)];
            mutated[i] = System.Text.RegularExpressions.Regex.Replace(mutated[i], "^(\\d+),\"[^\"]*\"", m => $"{m.Groups[1].Value},\"{name}\"");
            var file = Path.Combine(Directory.CreateTempSubdirectory("vigil-fuzz-").FullName, $"ofac-sdn-2024-0{round + 1}-01.csv");
            await File.WriteAllTextAsync(file, string.Join("\r\n", mutated) + "\r\n\u001a", Encoding.Latin1, Ct);
            var before = await CountAsync();
            try
            {
                await using var db = Database.CreateContext();
                await new ImportSdnHandler(db, TimeProvider.System).HandleAsync(file, ct: Ct);
            }
            catch (ImportRejectedException e)
            {
                e.Errors.Should().NotBeEmpty().And.OnlyContain(x => x.Line == i + 1 && x.File == Path.GetFileName(file), $"round {round}: the error names the line");
                (await CountAsync()).Should().Be(before, $"round {round} was refused, so nothing is written");
            }
        }
        await AssertNothingHiddenStoredAsync();
    }

    private async Task AssertNothingHiddenStoredAsync()
    {
        await using var db = Database.CreateContext();
        var names = await db.Actors.Select(a => a.Name).ToListAsync(Ct);
        // (Every fuzzed round may have been refused: then there is no name, and none that the guard refuses.)
        names.Where(n => Vigil.Features.Common.InputGuard.CharacterProblem(n) != null || Vigil.Features.Common.InputGuard.IsBlank(n) || n.Length > 500)
            .Should().BeEmpty("an import stores no name the input guard refuses");
    }
}

[Trait("Database", "Sqlite")]
public sealed class ImportFuzzOnSqlite() : ImportFuzzTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class ImportFuzzOnPostgres() : ImportFuzzTests(DatabaseKind.Postgres);
