using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Model;

namespace Vigil.Search;

/// <summary>Keeps <see cref="SearchEntry"/> rows in step with the records they describe.</summary>
internal static class SearchIndexer
{
    /// <summary>
    /// Updates and removes the tracked entries of changed and deleted records; returns the entries of
    /// new records for <see cref="BulkInsert"/> to write.
    /// </summary>
    public static async Task<List<SearchEntry>> RefreshAsync(VigilDb db, IReadOnlyCollection<PendingRevision> changes, CancellationToken ct)
    {
        var added = new List<SearchEntry>();
        var records = changes.Where(p => p.Record is Actor or Product or Source or Incident or Target).Select(p => p.Record).ToList();
        if (records.Count == 0)
        {
            return added;
        }
        // New records have no entry yet: only look up entries of changed or deleted ones.
        var existing = new Dictionary<(RecordKind, long), SearchEntry>();
        var known = changes.Where(p => p.Operation != "create" && p.Record is Actor or Product or Source or Incident or Target).Select(p => p.Record);
        foreach (var chunk in known.Chunk(500))
        {
            foreach (var group in chunk.GroupBy(r => r.Kind))
            {
                var ids = group.Select(r => r.Id).ToList();
                var rows = await db.SearchEntries.Where(e => e.Kind == group.Key && ids.Contains(e.RecordId)).ToListAsync(ct);
                foreach (var row in rows)
                {
                    existing[(row.Kind, row.RecordId)] = row;
                }
            }
        }
        foreach (var record in records)
        {
            existing.TryGetValue((record.Kind, record.Id), out var entry);
            if (db.Entry(record).State == EntityState.Detached && entry is not null)
            {
                // Deleted records leave the tracker as detached after save.
                db.SearchEntries.Remove(entry);
                continue;
            }
            // Stored folded (lower case, no accents) so both engines match "Zoë" with "zoe" the same way.
            var (title, body) = Text(record);
            title = FullText.Fold(title).ToLowerInvariant();
            body = FullText.Fold(body).ToLowerInvariant();
            if (entry is null)
            {
                added.Add(new SearchEntry { Kind = record.Kind, RecordId = record.Id, Title = title, Body = body });
            }
            else
            {
                entry.Title = title;
                entry.Body = body;
            }
        }
        return added;
    }

    /// <summary>What is searchable about a record: its names first, then everything else worth finding.</summary>
    internal static (string Title, string Body) Text(Record record) => record switch
    {
        Actor a => (a.Name, Join(
            a.Aliases.Select(x => x.Name),
            a.Identifiers.Select(x => x.Value),
            [a.Country is null ? null : Countries.NameOf(a.Country), a.Description])),
        Product p => (p.Name, Join(p.Aliases.Select(x => x.Name), [p.Description, p.Capabilities])),
        Source s => (s.Title, Join([s.Publisher, s.Url])),
        Incident i => (i.Title, Join([i.Summary, i.Country is null ? null : Countries.NameOf(i.Country)])),
        // Pseudonym and category only: the identity is never indexed (it would be searchable text).
        Target t => (t.Pseudonym, t.Category.Words()),
        _ => (record.Label, ""),
    };

    private static string Join(params IEnumerable<string?>[] parts) =>
        string.Join(" \n", parts.SelectMany(p => p).Where(p => !string.IsNullOrWhiteSpace(p)));
}
