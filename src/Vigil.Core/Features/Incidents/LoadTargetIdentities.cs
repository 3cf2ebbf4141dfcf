using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Import;
using Vigil.Protection;
using Vigil.Security;

namespace Vigil.Features.Incidents;

/// <summary>
/// Loads real identities for existing targets from a <c>pseudonym,identity</c> CSV kept outside the
/// repository (as <c>scripts/build-starter-data.py --target-identities</c> writes it): each is encrypted
/// with the target key file and stored; nothing is written if a pseudonym is unknown. The audit log
/// records how many were loaded, never the names.
/// </summary>
public sealed class LoadTargetIdentitiesHandler(VigilDb db, SecurityDb security, TargetKeyring keyring, TimeProvider clock)
{
    public async Task<int> HandleAsync(string path, CancellationToken ct = default)
    {
        if (!db.Reader.IsSystem)
        {
            throw new InvalidOperationException("Identities are loaded by the operator (the CLI).");
        }
        var file = Path.GetFileName(path);
        var rows = new List<(int Line, string Pseudonym, string Identity)>();
        // One input guard: a file that is not UTF-8 is refused with the byte offset, never read with U+FFFD.
        using (var reader = new StringReader(Common.InputGuard.ReadUtf8(path, file)))
        using (var csv = new CsvReader(reader, CultureInfo.InvariantCulture))
        {
            await csv.ReadAsync();
            csv.ReadHeader();
            while (await csv.ReadAsync())
            {
                rows.Add((csv.Parser.RawRow, (csv.GetField("pseudonym") ?? "").Trim(), (csv.GetField("identity") ?? "").Trim()));
            }
        }
        var errors = new List<ImportError>();
        var loaded = 0;
        foreach (var (line, pseudonym, identity) in rows)
        {
            var target = await db.Targets.AsTracking().FirstOrDefaultAsync(t => t.Slug == pseudonym.ToLowerInvariant(), ct);
            if (target is null)
            {
                errors.Add(new ImportError(file, pseudonym, "pseudonym", "no target has this pseudonym", line));
                continue;
            }
            if (identity.Length == 0)
            {
                continue;
            }
            // A citation below RED whose source or quote names this person would re-identify the incident.
            var cited = await db.Citations.IgnoreQueryFilters().AsNoTracking().Where(c => c.IncidentId == target.IncidentId && c.Marking < Model.Marking.Red)
                .Select(c => new { c.Id, c.Source!.Title, c.Source.Url, c.Quote }).ToListAsync(ct);
            foreach (var c in cited.Where(c => TargetNaming.Mentions(identity, [c.Title, c.Url, c.Quote])))
            {
                errors.Add(new ImportError(file, pseudonym, "identity",
                    $"citation number {c.Id} of this target's incident names the person below RED: raise that citation's marking to RED, then load the identity", line));
            }
            var (cipher, keyId) = keyring.Encrypt(target.Pseudonym, identity);
            target.IdentityCipher = cipher;
            target.IdentityKeyId = keyId;
            loaded++;
        }
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            throw new ImportRejectedException(errors);
        }
        db.ChangeReason = $"identities from {file}";
        await db.SaveChangesAsync(ct);
        await AuditLog.AppendAsync(security, clock, db.Reader.Name, "identities-loaded", $"{loaded} target identities from {file}", ct);
        return loaded;
    }
}
