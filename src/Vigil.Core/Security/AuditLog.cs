using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Vigil.Security;

/// <summary>The names of audited security events.</summary>
public static class AuditEvents
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignOut = "sign-out";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorReset = "two-factor-reset";
    public const string RecoveryCodeUsed = "recovery-code-used";
    public const string RecoveryCodesRenewed = "recovery-codes-renewed";
    public const string PasswordChanged = "password-changed";
    public const string AccountCreated = "account-created";
    public const string AccountDisabled = "account-disabled";
    public const string AccountEnabled = "account-enabled";
    public const string RoleChanged = "role-changed";
    public const string ClearanceChanged = "clearance-changed";
    public const string TokenCreated = "token-created";
    public const string TokenRevoked = "token-revoked";
    public const string TokenUsed = "token-used";
    public const string TokenRejected = "token-rejected";
    public const string FeedTokenCreated = "feed-token-created";
    public const string FeedTokenRevoked = "feed-token-revoked";
    public const string WebhookRegistered = "webhook-registered";
    public const string WebhookRemoved = "webhook-removed";
    public const string Export = "export";
    public const string Reveal = "reveal";
    public const string RevealRefused = "reveal-refused";
    public const string ScreeningCaseSaved = "screening-case-saved";
    public const string ScreeningCaseDecided = "screening-case-decided";
    public const string ScreeningCaseConfirmed = "screening-case-confirmed";
    public const string ScreeningCaseExported = "screening-case-exported";
}

/// <summary>A break in the audit chain found by <see cref="AuditLog.VerifyAsync"/>.</summary>
/// <param name="EntryId">The first entry that does not verify.</param>
/// <param name="Problem">What is wrong with it, in words.</param>
public sealed record AuditBreak(long EntryId, string Problem);

/// <summary>The outcome of checking the audit chain.</summary>
public sealed record AuditVerification(long Entries, string HeadHash, IReadOnlyList<AuditBreak> Breaks)
{
    public bool IsIntact => Breaks.Count == 0;
}

/// <summary>Where a head hash recorded earlier (out of band) stands in the chain today.</summary>
/// <param name="RecordedHead">The hash that was recorded.</param>
/// <param name="EntryId">The entry whose hash it is, or null when no entry has it any more.</param>
/// <param name="EntriesAfter">Entries appended after it since it was recorded.</param>
public sealed record AuditHeadCheck(string RecordedHead, long? EntryId, long EntriesAfter)
{
    /// <summary>
    /// False when the recorded head is gone: entries at the end were deleted (and perhaps others
    /// appended in their place), or the chain was rewritten from an earlier point.
    /// </summary>
    public bool Found => EntryId is not null;
}

/// <summary>
/// The append-only, hash-chained audit log. Appends are serialised (a PostgreSQL advisory lock; on
/// SQLite the transaction's write lock) so that every entry chains onto the one before it even with
/// several web nodes. Nothing in Vigil updates or deletes an entry; <see cref="VerifyAsync"/> finds any
/// entry changed, inserted or deleted directly in the database.
/// </summary>
public static class AuditLog
{
    // An arbitrary, fixed key for pg_advisory_xact_lock: "VIGILAUD".
    private const long AdvisoryLockKey = 0x564947494C415544;

    /// <summary>Appends one event and returns it with its hash.</summary>
    public static async Task<AuditEntry> AppendAsync(
        SecurityDb db, TimeProvider clock, string actor, string @event, string detail, CancellationToken ct = default)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            if (db.IsPostgres)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
            }
            var last = await db.AuditLog.AsNoTracking().OrderByDescending(e => e.Id)
                .Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(ct);
            var entry = new AuditEntry
            {
                // Numbered here, under the lock, so that the hash covers the id and ids have no gaps.
                Id = (last?.Id ?? 0) + 1,
                At = Truncate(clock.GetUtcNow().UtcDateTime),
                Actor = actor,
                Event = @event,
                Detail = detail,
                PreviousHash = last?.Hash ?? "",
            };
            entry.Hash = HashOf(entry);
            db.AuditLog.Add(entry);
            await db.SaveChangesAsync(ct);
            db.Entry(entry).State = EntityState.Detached;
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
            return entry;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Walks the chain in id order and reports every entry whose stored hash is not the hash of its
    /// fields (changed), or whose previous hash is not the hash of the entry before it (an entry was
    /// inserted or deleted before it). An entry deleted from the end leaves no trace inside the chain:
    /// compare <see cref="AuditVerification.HeadHash"/> with a head you recorded earlier for that.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(SecurityDb db, CancellationToken ct = default)
    {
        var breaks = new List<AuditBreak>();
        var previous = "";
        long count = 0;
        await foreach (var entry in db.AuditLog.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (entry.PreviousHash != previous)
            {
                breaks.Add(new AuditBreak(entry.Id, count == 1
                    ? "the first entry points at an earlier entry that is missing: entries were deleted from the start"
                    : "it does not follow the entry before it: an entry was inserted or deleted just before it"));
            }
            if (HashOf(entry) != entry.Hash)
            {
                breaks.Add(new AuditBreak(entry.Id, "its contents do not match its hash: the entry was changed"));
            }
            previous = entry.Hash;
        }
        return new AuditVerification(count, previous, breaks);
    }

    /// <summary>
    /// Finds a head recorded earlier in today's chain. Together with <see cref="VerifyAsync"/> this
    /// detects what the chain alone cannot: entries deleted from the end.
    /// </summary>
    public static async Task<AuditHeadCheck> CheckHeadAsync(SecurityDb db, string recordedHead, CancellationToken ct = default)
    {
        var head = recordedHead.Trim().ToLowerInvariant();
        long? id = head.Length == 0 ? 0
            : await db.AuditLog.AsNoTracking().Where(e => e.Hash == head).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
        var after = id is { } found ? await db.AuditLog.LongCountAsync(e => e.Id > found, ct) : 0;
        return new AuditHeadCheck(head, id, after);
    }

    /// <summary>The last <paramref name="count"/> entries, oldest first.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> LastAsync(SecurityDb db, int count, CancellationToken ct = default)
    {
        var last = await db.AuditLog.AsNoTracking().OrderByDescending(e => e.Id).Take(Math.Max(0, count)).ToListAsync(ct);
        last.Reverse();
        return last;
    }

    /// <summary>The hash of an entry: SHA-256 over the previous hash and the entry's fields, each length-prefixed.</summary>
    public static string HashOf(AuditEntry entry)
    {
        var text = new StringBuilder();
        foreach (var part in new[]
                 {
                     entry.PreviousHash,
                     entry.Id.ToString(CultureInfo.InvariantCulture),
                     entry.At.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
                     entry.Actor,
                     entry.Event,
                     entry.Detail,
                 })
        {
            text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('|');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // Both databases keep microseconds: hash what will be read back.
    private static DateTime Truncate(DateTime at) => new(at.Ticks - (at.Ticks % 10), DateTimeKind.Utc);
}
