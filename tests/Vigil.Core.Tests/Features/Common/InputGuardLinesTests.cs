using System.Text;
using FluentAssertions;
using Vigil.Features.Common;
using Vigil.Features.Import;
using Xunit;

namespace Vigil.Core.Tests.Features.Common;

/// <summary>
/// A large file read line by line in blocks (the FtM import): the same lines as a whole read, the byte-order mark
/// dropped, a line that crosses a block boundary kept whole, and a byte that is not UTF-8 refused with its offset in
/// the file, as the whole read names it.
/// </summary>
public sealed class InputGuardLinesTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"vigil-lines-{Guid.NewGuid():N}.txt");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Lines_AcrossBlocks_AreThoseOfAWholeRead()
    {
        // Over two blocks of 1 MiB, with non-ASCII letters and one line longer than a block.
        var lines = Enumerable.Range(0, 40_000).Select(i => $"{i} Ντίλιαν Интеллекса {new string('x', i % 97)}").ToList();
        lines.Insert(20_000, new string('y', 1_500_000));
        File.WriteAllBytes(_path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(string.Join('\n', lines))]);

        var read = InputGuard.ReadUtf8Lines(_path, "lines.txt").ToList();

        read.Select(l => l.Text).Should().Equal(InputGuard.ReadUtf8(_path, "lines.txt").Split('\n'));
        read.Select(l => l.Line).Should().Equal(Enumerable.Range(1, lines.Count));
        read[0].Text.Should().StartWith("0 Ντίλιαν", "the byte-order mark is not part of the first line");
    }

    [Fact]
    public void AByteThatIsNotUtf8_IsRefusedWithItsOffsetInTheFile_AsAWholeReadNamesIt()
    {
        var good = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Интеллекса line\n", 80_000)));
        var bad = good.Length + 7;
        File.WriteAllBytes(_path, [.. good, .. "abcdefg"u8.ToArray(), 0xE9, .. "\nlast"u8.ToArray()]);

        var lines = () => InputGuard.ReadUtf8Lines(_path, "latin1.txt").ToList();
        var whole = () => InputGuard.ReadUtf8(_path, "latin1.txt");

        lines.Should().Throw<ImportRejectedException>().Which.Errors.Single().Message.Should().Contain($"byte 0xE9 at byte offset {bad} ");
        whole.Should().Throw<ImportRejectedException>().Which.Errors.Single().Message.Should().Contain($"byte 0xE9 at byte offset {bad} ");
    }
}
