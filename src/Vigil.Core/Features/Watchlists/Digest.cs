using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Data;
using Vigil.Features.Feeds;
using Vigil.Model;
using Vigil.Security;

namespace Vigil.Features.Watchlists;

/// <summary>Where digests go. There is no mail server: each digest is a text file in <see cref="Folder"/>, for a mailer or a person to pick up.</summary>
public sealed class DigestOptions
{
    public const string Section = "Vigil:Digest";

    /// <summary>The folder digests are written to (<c>{Folder}/{yyyy-MM-dd}/{user}.txt</c>); none: the CLI prints them.</summary>
    public string? Folder { get; set; }

    /// <summary>The site's address, put in front of each record's path in a digest ("https://vigil.example.org").</summary>
    public string? BaseUrl { get; set; }
}

/// <summary>One person's digest: how many changes, the text, and where it was written (if it was).</summary>
public sealed record DigestResult(string UserName, int Changes, string Text, string? Path);

/// <summary>
/// The daily digest: for every person with a watchlist (or one person), the published changes touching what
/// they watch since their last digest, read as their own reader (<see cref="OwnerReaders"/>: the one rule, read
/// only), the same query as the inbox. Moves each person's digest mark unless it is a dry run. A digest holds
/// records' titles, kinds, markings and links, never a target's identity (feeds carry no targets).
/// </summary>
public sealed class DigestHandler(SecurityDb security, DbContextOptions<VigilDb> options, TimeProvider clock, OwnerReaders owners, IOptions<DigestOptions> settings)
{
    public async Task<IReadOnlyList<DigestResult>> HandleAsync(string? folder = null, string? userName = null, bool dryRun = false, CancellationToken ct = default)
    {
        folder ??= settings.Value.Folder;
        var accounts = await security.Watches.AsNoTracking().Select(w => w.AccountId).Distinct().ToListAsync(ct);
        var names = await security.Users.AsNoTracking().Where(u => accounts.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var results = new List<DigestResult>();
        foreach (var account in names.Where(n => userName is null || n.UserName == userName).OrderBy(n => n.UserName, StringComparer.Ordinal))
        {
            if (await owners.ForAsync(account.Id, ct) is not { } reader)
            {
                continue; // disabled: no digest
            }
            await using var db = VigilDb.For(options, reader, clock);
            var newest = await db.Revisions.MaxAsync(r => (long?)r.Id, ct) ?? 0;
            var mark = await security.InboxMarks.FirstOrDefaultAsync(m => m.AccountId == account.Id, ct);
            if (mark is null)
            {
                security.InboxMarks.Add(mark = new InboxMark { AccountId = account.Id });
            }
            var queries = await WatchlistHandler.QueriesAsync(security, account.Id, ct);
            var changes = await new RecentChangesHandler(db).WatchedAsync(queries, new ChangeWindow(mark.DigestRevisionId, newest), 200, ct);
            var text = Render(account.UserName!, changes.Entries, mark.DigestAt, now);
            string? path = null;
            if (folder is not null && changes.Entries.Count > 0 && !dryRun)
            {
                var day = Path.Combine(folder, now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Directory.CreateDirectory(day);
                path = Path.Combine(day, SafeFileName(account.UserName!) + ".txt");
                await File.WriteAllTextAsync(path, text, ct);
            }
            if (!dryRun)
            {
                mark.DigestRevisionId = Math.Max(mark.DigestRevisionId, newest);
                mark.DigestAt = now;
                await security.SaveChangesAsync(ct);
            }
            results.Add(new DigestResult(account.UserName!, changes.Entries.Count, text, path));
        }
        security.ChangeTracker.Clear();
        return results;
    }

    private string Render(string user, IReadOnlyList<FeedEntry> entries, DateTime? since, DateTime now)
    {
        var site = settings.Value.BaseUrl?.TrimEnd('/') ?? "";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Vigil digest for {user}, {now:yyyy-MM-dd}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{entries.Count} published change(s) touching your watchlist{(since is { } s ? $" since {s:yyyy-MM-dd HH:mm} UTC" : "")}.");
        text.AppendLine();
        foreach (var e in entries)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {e.Title} ({e.Kind} {e.Operation}d {e.Updated:yyyy-MM-dd}, TLP:{Markings.ToLabel(e.Marking)}){(e.Reason is null ? "" : ": " + e.Reason)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  {site}{e.Path}");
        }
        return text.ToString();
    }

    private static string SafeFileName(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
