using System.Collections.Concurrent;

namespace Vigil.Security;

/// <summary>
/// Files only the server's own user may read: the SQLite database (with its WAL and shared-memory files,
/// which SQLite creates with the database file's mode), the data-protection key ring, the target key file.
/// Created mode 600; an older file found wider is narrowed. On Windows the folder's ACL decides.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rw for the owner, nothing for anyone else.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly ConcurrentDictionary<string, bool> s_checked = new(StringComparer.Ordinal);

    /// <summary>Creates <paramref name="path"/> empty and mode 600 when it is missing, else narrows its mode to 600; once per path and process.</summary>
    public static void EnsureOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows() || !s_checked.TryAdd(path, true))
        {
            return;
        }
        try
        {
            using (new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
            {
            }
            Narrow(path);
            Narrow(path + "-wal");
            Narrow(path + "-shm");
        }
        catch (IOException)
        {
            s_checked.TryRemove(path, out _);
        }
        catch (UnauthorizedAccessException)
        {
            // A read-only copy opened by someone else: SQLite will say what is wrong.
            s_checked.TryRemove(path, out _);
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically (a temporary file moved over it), mode 600.</summary>
    public static void WriteAllText(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Narrow(string path)
    {
        if (File.Exists(path) && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }
}
