using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Features.Common;
using Vigil.Security;

namespace Vigil.Features.Audit;

/// <summary>
/// What an admin looks for in the audit log: who acted, what happened (an event name such as "reveal"),
/// a record (any text of the entry's detail: a target's pseudonym slug, an account, a token), and a date
/// range (inclusive days, yyyy-mm-dd).
/// </summary>
public sealed record AuditQuery(string? Who = null, string? What = null, string? Record = null, string? From = null, string? To = null, int Page = 1, int PageSize = 50);

/// <summary>One entry as the admin reads it.</summary>
public sealed record AuditEntryView(long Id, DateTime At, string Actor, string Event, string Detail, string Hash);

/// <summary>A page of matching entries (newest first), the event names to filter by, and the chain check.</summary>
public sealed record AuditPage(
    IReadOnlyList<AuditEntryView> Entries, int Total, int Page, int PageSize, IReadOnlyList<string> Events, AuditVerification Chain);

/// <summary>
/// The audit log for admins (null for anyone else): filtered entries and the chain check of
/// <c>vigil audit verify</c> (<see cref="AuditLog.VerifyAsync"/>), the same walk over the same chain.
/// Entries never hold a target's identity (<see cref="AuditEntry.Detail"/>), so an admin who is not
/// cleared for identities may read them all.
/// </summary>
public sealed partial class SearchAuditLogHandler(SecurityDb security, VigilDb db)
{
    public async Task<(AuditPage? Page, ValidationErrors Errors)> HandleAsync(AuditQuery query, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        if (!db.Reader.IsAdmin)
        {
            return (null, errors);
        }
        var entries = security.AuditLog.AsNoTracking();
        if (query.Who?.Trim() is { Length: > 0 } who)
        {
            entries = entries.Where(e => e.Actor.Contains(who));
        }
        if (query.What?.Trim() is { Length: > 0 } what)
        {
            entries = entries.Where(e => e.Event == what);
        }
        if (query.Record?.Trim() is { Length: > 0 } record)
        {
            entries = entries.Where(e => e.Detail.Contains(record));
        }
        if (Day(query.From, "from", errors) is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }
        if (Day(query.To, "to", errors) is { } to)
        {
            var end = to.AddDays(1);
            entries = entries.Where(e => e.At < end);
        }
        var size = Math.Clamp(query.PageSize, 1, 500);
        var page = Math.Max(1, query.Page);
        if (!errors.IsEmpty)
        {
            return (null, errors);
        }
        var total = await entries.CountAsync(ct);
        var rows = await entries.OrderByDescending(e => e.Id).Skip((page - 1) * size).Take(size)
            .Select(e => new AuditEntryView(e.Id, e.At, e.Actor, e.Event, e.Detail, e.Hash)).ToListAsync(ct);
        rows = await RedactAsync(rows, ct);
        var events = await security.AuditLog.Select(e => e.Event).Distinct().OrderBy(e => e).ToListAsync(ct);
        var chain = await AuditLog.VerifyAsync(security, ct);
        return (new AuditPage(rows, total, page, size, events, chain), errors);
    }

    /// <summary>
    /// A reveal names the target by its pseudonym slug and its incident by slug: each shown only when the
    /// admin may see that record (the access rule of <see cref="VigilDb"/>), as everywhere else.
    /// </summary>
    private async Task<List<AuditEntryView>> RedactAsync(List<AuditEntryView> rows, CancellationToken ct)
    {
        var named = rows.SelectMany(r => RecordReference().Matches(r.Detail)).Select(m => (Kind: m.Groups[1].Value, Slug: m.Groups[2].Value)).Distinct().ToList();
        if (named.Count == 0)
        {
            return rows;
        }
        var targets = named.Where(n => n.Kind == "target").Select(n => n.Slug).ToList();
        var incidents = named.Where(n => n.Kind == "incident").Select(n => n.Slug).ToList();
        var visible = new HashSet<(string, string)>();
        visible.UnionWith((await db.Targets.Where(t => targets.Contains(t.Slug)).Select(t => t.Slug).ToListAsync(ct)).Select(s => ("target", s)));
        visible.UnionWith((await db.Incidents.Where(i => incidents.Contains(i.Slug)).Select(i => i.Slug).ToListAsync(ct)).Select(s => ("incident", s)));
        return rows.Select(r => r with
        {
            Detail = RecordReference().Replace(r.Detail, m => visible.Contains((m.Groups[1].Value, m.Groups[2].Value)) ? m.Value : $"{m.Groups[1].Value}=(not visible to you)"),
        }).ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(target|incident)=([^\s,;]+)")]
    private static partial System.Text.RegularExpressions.Regex RecordReference();

    private static DateTime? Day(string? text, string field, ValidationErrors errors)
    {
        if (text?.Trim() is not { Length: > 0 } day)
        {
            return null;
        }
        if (DateTime.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            return DateTime.SpecifyKind(at, DateTimeKind.Utc);
        }
        errors.Add(field, $"'{day}' is not a date: write yyyy-mm-dd.");
        return null;
    }
}
