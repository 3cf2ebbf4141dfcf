using Microsoft.EntityFrameworkCore;
using Vigil.Access;
using Vigil.Data;
using Vigil.Model;
using Vigil.Protection;
using Vigil.Security;

namespace Vigil.Features.Incidents;

/// <summary>How a reveal ended.</summary>
public enum RevealOutcome
{
    Revealed,
    /// <summary>No target the reader may see has this slug.</summary>
    NotFound,
    /// <summary>The reader is not cleared for this identity (the answer says no more than that).</summary>
    Forbidden,
    /// <summary>No identity is recorded for the target.</summary>
    NoIdentity,
    /// <summary>The key that encrypted it is not in the key file (restored database without its key file).</summary>
    KeyMissing,
}

/// <summary>The outcome of a reveal; <c>Identity</c> is set only when revealed.</summary>
public sealed record RevealResult(RevealOutcome Outcome, string? Pseudonym = null, string? Identity = null)
{
    // Printed results (logs, test failures) never carry the identity.
    public override string ToString() => $"RevealResult {{ Outcome = {Outcome}, Pseudonym = {Pseudonym} }}";
}

/// <summary>The rule for who may see a target's real identity, in one place.</summary>
public static class TargetIdentityRule
{
    /// <summary>
    /// Cleared for RED with the victim-data permission (or the server's operator, for exports); for a
    /// do-not-name target, only the record's assigned editors, whatever their clearance otherwise is.
    /// </summary>
    public static bool MayReveal(Reader reader, ConsentStatus consent, IEnumerable<string> assignedEditors)
    {
        var cleared = reader.IsSystem || (reader.Clearance == Marking.Red && reader.SeesVictimData);
        if (!cleared)
        {
            return false;
        }
        return consent != ConsentStatus.DoNotName || (!reader.IsSystem && assignedEditors.Contains(reader.Name, StringComparer.Ordinal));
    }
}

/// <summary>
/// Decrypts one target's real identity for a reader cleared for it, and appends a <see cref="AuditEvents.Reveal"/>
/// entry (who, which target, which incident; never the name) before returning it. The only way an identity
/// leaves the database in clear, besides the audited export with identities. Every refused attempt is
/// audited too (<see cref="AuditEvents.RevealRefused"/>, with the outcome): probing for identities leaves a trace.
/// </summary>
public sealed class RevealTargetIdentityHandler(VigilDb db, SecurityDb security, TargetKeyring keyring, TimeProvider clock)
{
    public async Task<RevealResult> HandleAsync(string slug, string? channel = null, CancellationToken ct = default)
    {
        var key = slug.Trim().ToLowerInvariant();
        var target = await db.Targets.AsNoTracking().Where(t => t.Slug == key)
            .Select(t => new { t.Slug, t.Pseudonym, t.Consent, t.IdentityCipher, t.IdentityKeyId, Incident = t.Incident!.Slug, Editors = t.Editors.Select(e => e.UserName).ToList() })
            .FirstOrDefaultAsync(ct);
        if (target is null)
        {
            return await RefusedAsync(new RevealResult(RevealOutcome.NotFound), key.Length > 100 ? key[..100] : key, null);
        }
        if (!TargetIdentityRule.MayReveal(db.Reader, target.Consent, target.Editors))
        {
            return await RefusedAsync(new RevealResult(RevealOutcome.Forbidden, target.Pseudonym), target.Slug, target.Incident);
        }
        if (target.IdentityCipher is null || target.IdentityKeyId is null)
        {
            return await RefusedAsync(new RevealResult(RevealOutcome.NoIdentity, target.Pseudonym), target.Slug, target.Incident);
        }
        var identity = keyring.Decrypt(target.Pseudonym, target.IdentityCipher, target.IdentityKeyId);
        if (identity is null)
        {
            return await RefusedAsync(new RevealResult(RevealOutcome.KeyMissing, target.Pseudonym), target.Slug, target.Incident);
        }
        await AuditLog.AppendAsync(security, clock, db.Reader.Name, AuditEvents.Reveal,
            $"target={target.Slug} incident={target.Incident} consent={target.Consent.ToLabel()} via={channel ?? "app"}", ct);
        return new RevealResult(RevealOutcome.Revealed, target.Pseudonym, identity);

        async Task<RevealResult> RefusedAsync(RevealResult result, string asked, string? incident)
        {
            await AuditLog.AppendAsync(security, clock, db.Reader.Name, AuditEvents.RevealRefused,
                $"target={asked}{(incident is null ? "" : " incident=" + incident)} outcome={result.Outcome.ToString().ToLowerInvariant()} via={channel ?? "app"}", ct);
            return result;
        }
    }
}
