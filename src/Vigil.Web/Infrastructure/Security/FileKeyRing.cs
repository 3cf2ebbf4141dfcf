using System.Collections.Concurrent;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Vigil.Data;
using Vigil.Security;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// The data-protection key ring (the keys that sign session cookies and antiforgery tokens) in a file of
/// its own, mode 600: by default <c>data-protection-keys.xml</c> beside the SQLite database, or where
/// <c>Vigil:Web:KeyRingFile</c> says. Whoever gets a copy of the database (a backup, a shared file) then
/// holds the data but not the means to forge a session. Keys an older Vigil kept in the database are
/// moved into the file on first use and deleted from the database.
/// </summary>
internal sealed class FileKeyRing(string path, IServiceScopeFactory scopes) : IXmlRepository
{
    /// <summary>The key ring's default name, beside the database file.</summary>
    public const string DefaultName = "data-protection-keys.xml";

    private static readonly ConcurrentDictionary<string, Lock> s_gates = new(StringComparer.Ordinal);

    private Lock Gate => s_gates.GetOrAdd(path, _ => new Lock());

    /// <summary>The key ring file: the configured one, else beside the SQLite file; null on PostgreSQL without one (the keys stay in the shared database).</summary>
    public static string? ResolvePath(WebSecurityOptions web, DatabaseOptions database) =>
        !string.IsNullOrWhiteSpace(web.KeyRingFile) ? Path.GetFullPath(web.KeyRingFile)
        : !database.IsPostgres && string.IsNullOrWhiteSpace(database.ConnectionString)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database.Path))!, DefaultName)
            : null;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (Gate)
        {
            return Load().Elements().ToList();
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (Gate)
        {
            var root = Load();
            root.Add(element);
            PrivateFiles.WriteAllText(path, root.ToString());
        }
    }

    private XElement Load()
    {
        if (File.Exists(path))
        {
            return XElement.Parse(File.ReadAllText(path));
        }
        var root = new XElement("repository");
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SecurityDb>();
        List<DataProtectionKey> legacy;
        try
        {
            legacy = [.. db.DataProtectionKeys];
        }
        catch (System.Data.Common.DbException)
        {
            // No security tables yet (a database being created): nothing to move.
            return root;
        }
        if (legacy.Count > 0)
        {
            root.Add(legacy.Select(k => XElement.Parse(k.Xml)));
            PrivateFiles.WriteAllText(path, root.ToString());
            db.DataProtectionKeys.RemoveRange(legacy);
            db.SaveChanges();
        }
        return root;
    }
}
