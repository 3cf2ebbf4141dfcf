namespace Vigil.Data;

/// <summary>
/// A process-wide counter that moves whenever the knowledge graph may have changed: every successful save
/// through <see cref="VigilDb"/> in this process, and every change another process committed (the web
/// host's watcher compares the newest revision id every few seconds). Caches of what the public reads key
/// their entries by it, so an edit is never served stale from this process, and another process's import
/// at most for a few seconds.
/// </summary>
public static class DataVersion
{
    private static long s_version;

    public static long Current => Interlocked.Read(ref s_version);

    public static void Bump() => Interlocked.Increment(ref s_version);
}
