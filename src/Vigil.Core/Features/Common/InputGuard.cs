using System.Globalization;
using System.Text;
using Vigil.Features.Import;

namespace Vigil.Features.Common;

/// <summary>
/// The one guard on text that enters Vigil, whether through the API (<see cref="ValidationErrors"/>) or an
/// importer (the data folder, the SDN and FtM lists): files must be UTF-8 (a bad byte is refused with its
/// offset, never turned into U+FFFD); no control character but tab and line ends (so no NUL is stored);
/// no bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), which make a name read otherwise
/// than it sorts and matches; a name must keep a visible character once blanks and invisible format
/// characters (U+200B…) are taken away; texts have a length and lists a count they may not pass.
/// </summary>
public static class InputGuard
{
    /// <summary>A name, title or other one-line text.</summary>
    public const int MaxName = 500;

    /// <summary>A description, summary or remarks.</summary>
    public const int MaxLongText = 50_000;

    /// <summary>Aliases of one actor or product.</summary>
    public const int MaxAliases = 200;

    /// <summary>Identifiers of one actor.</summary>
    public const int MaxIdentifiers = 100;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>What is wrong with <paramref name="value"/>'s characters, or null.</summary>
    public static string? CharacterProblem(string? value)
    {
        if (value is null)
        {
            return null;
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return $"contains a control character (U+{(int)c:X4}) at character {i + 1}";
            }
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return $"contains a bidirectional override (U+{(int)c:X4}) at character {i + 1}, which makes text read otherwise than it is stored";
            }
        }
        return null;
    }

    /// <summary>True when nothing visible is left of <paramref name="name"/> once blanks and invisible format characters are dropped.</summary>
    public static bool IsBlank(string? name) =>
        name is null || name.All(c => char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);

    /// <summary>What is wrong with a text field (characters, length), or null.</summary>
    public static string? TextProblem(string? value, int max) =>
        CharacterProblem(value) ?? (value is not null && value.Length > max ? $"is {value.Length} characters long; at most {max} are allowed" : null);

    /// <summary>What is wrong with a required name (blank, characters, length), or null.</summary>
    public static string? NameProblem(string? value, int max = MaxName) =>
        IsBlank(value) ? (string.IsNullOrWhiteSpace(value) ? "is required" : "is required: it holds only invisible characters") : TextProblem(value, max);

    /// <summary>What is wrong with a list's length, or null.</summary>
    public static string? CountProblem(int count, int max, string what) => count > max ? $"has {count} {what}; at most {max} are allowed" : null;

    /// <summary>Decodes <paramref name="bytes"/> as UTF-8 (a leading byte-order mark is dropped); null and <paramref name="problem"/> when they are not.</summary>
    public static string? Utf8(byte[] bytes, out string? problem)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Utf8(bytes, start, bytes.Length - start, start, out problem);
    }

    // bytes[start..start+count] as UTF-8; the problem names the bad byte's offset in the file (the slice begins at fileOffset).
    private static string? Utf8(byte[] bytes, int start, int count, long fileOffset, out string? problem)
    {
        try
        {
            problem = null;
            return s_strictUtf8.GetString(bytes, start, count);
        }
        catch (DecoderFallbackException)
        {
            var bad = FirstInvalidUtf8(bytes.AsSpan(start, count));
            problem = $"is not UTF-8: byte 0x{bytes[start + bad]:X2} at byte offset {fileOffset + bad} is not valid UTF-8 (save the file as UTF-8)";
            return null;
        }
    }

    /// <summary>
    /// A file's lines as UTF-8, numbered from 1, read in blocks rather than whole (a leading byte-order mark dropped), for
    /// files too large to hold twice; a byte that is not UTF-8 throws <see cref="ImportRejectedException"/> as
    /// <see cref="ReadUtf8"/> does, with the same message. Each line comes with where its bytes lie in the file (its line end left
    /// out), so that a reader may read it again later rather than hold it.
    /// </summary>
    public static IEnumerable<(int Line, string Text, long Offset, int Length)> ReadUtf8Lines(string path, string displayName)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        var (start, end, line) = (0, 0, 0);
        long offset = 0;
        var eof = false;
        while (end < 3 && !eof)
        {
            var read = stream.Read(buffer, end, buffer.Length - end);
            eof = read == 0;
            end += read;
        }
        if (end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
        {
            start = 3;
        }
        string Decode(int from, int count) =>
            Utf8(buffer, from, count, offset + from, out var problem) ?? throw new ImportRejectedException([new ImportError(displayName, null, null, problem!)]);
        while (true)
        {
            var nl = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (nl >= 0)
            {
                yield return (++line, Decode(start, nl - start), offset + start, nl - start);
                start = nl + 1;
                continue;
            }
            if (eof)
            {
                yield return (++line, Decode(start, end - start), offset + start, end - start);
                yield break;
            }
            // Keep the unfinished line, and read on behind it (a line longer than the buffer doubles it).
            var rest = end - start;
            Buffer.BlockCopy(buffer, start, buffer, 0, rest);
            offset += start;
            (start, end) = (0, rest);
            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var n = stream.Read(buffer, end, buffer.Length - end);
            eof = n == 0;
            end += n;
        }
    }

    /// <summary>Reads a file as UTF-8, or throws <see cref="ImportRejectedException"/> naming it and the byte offset of the first bad byte.</summary>
    public static string ReadUtf8(string path, string displayName) =>
        Utf8(File.ReadAllBytes(path), out var problem) ?? throw new ImportRejectedException([new ImportError(displayName, null, null, problem!)]);

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return i;
            }
            i += consumed;
        }
        return Math.Max(0, bytes.Length - 1);
    }
}
