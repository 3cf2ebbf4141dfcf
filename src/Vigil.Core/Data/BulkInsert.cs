using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Vigil.Model;
using Vigil.Search;

namespace Vigil.Data;

/// <summary>
/// Appends rows that are written once and never changed through the context (revisions, new search
/// entries) in multi-row INSERTs, prepared once per save and reused: the same SQL on SQLite and
/// PostgreSQL. Runs inside the save's transaction, so a failed save leaves none of them behind.
/// </summary>
internal static class BulkInsert
{
    // Below this many new rows EF's own save is as quick, and it is the path every edit takes.
    private const int BulkThreshold = 1000;

    // Principals before the rows that point at them.
    private static readonly Type[] s_insertOrder =
        [typeof(Source), typeof(Actor), typeof(Product), typeof(ActorAlias), typeof(ActorIdentifier), typeof(ProductAlias), typeof(Relationship),
         typeof(Incident), typeof(IncidentProduct), typeof(IncidentVendor), typeof(IncidentOperator), typeof(IncidentInvestigator), typeof(Target), typeof(TargetEditor),
         typeof(Measure), typeof(MeasureTarget), typeof(MeasureStep), typeof(MeasureParty),
         typeof(Framework), typeof(Commitment), typeof(Endorsement), typeof(Indicator),
         typeof(Citation), typeof(MatchCandidate)];

    // 100 rows of 8 columns stay far below both engines' parameter limits (SQLite 32,766, PostgreSQL 65,535).
    private const int RowsPerStatement = 100;

    public static Task<int> RevisionsAsync(VigilDb db, IReadOnlyList<Revision> rows, CancellationToken ct) =>
        InsertAsync(db, "Revisions", ["RecordKind", "RecordId", "Version", "At", "By", "Reason", "Operation", "Changes"],
            [DbType.Int32, DbType.Int64, DbType.Int32, DbType.DateTime, DbType.String, DbType.String, DbType.String, DbType.String],
            rows, static (r, v) =>
            {
                v[0] = (int)r.RecordKind;
                v[1] = r.RecordId;
                v[2] = r.Version;
                v[3] = r.At;
                v[4] = r.By;
                v[5] = r.Reason;
                v[6] = r.Operation;
                v[7] = r.Changes;
            }, ct);

    public static Task<int> SearchEntriesAsync(VigilDb db, IReadOnlyList<SearchEntry> rows, CancellationToken ct) =>
        InsertAsync(db, "SearchEntries", ["Kind", "RecordId", "Title", "Body"],
            [DbType.Int32, DbType.Int64, DbType.String, DbType.String],
            rows, static (e, v) =>
            {
                v[0] = (int)e.Kind;
                v[1] = e.RecordId;
                v[2] = e.Title;
                v[3] = e.Body;
            }, ct);

    /// <summary>New entries of a screening list (an SDN or FtM import writes thousands at once).</summary>
    public static Task<int> ListEntriesAsync(VigilDb db, IReadOnlyList<ListEntry> rows, CancellationToken ct) =>
        InsertAsync(db, "ListEntries", s_listEntryColumns, s_listEntryTypes, rows, ListEntryValues, ct, rowsPerStatement: 16);

    // A list entry's columns and their types, in the order ListEntryValues gives the values.
    private static readonly string[] s_listEntryColumns =
        ["List", "EntryId", "Name", "Schema", "Aliases", "Identifiers", "Programmes", "Datasets", "Countries", "Date", "Remarks", "ListedDate", "DelistedDate", "SnapshotDate",
         "ActorId", "History", "UpdatedAt"];

    private static readonly DbType[] s_listEntryTypes =
        [DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String,
         DbType.String, DbType.String, DbType.String, DbType.Int64, DbType.String, DbType.DateTime];

    /// <summary>
    /// New entries of a screening list, streamed: on PostgreSQL one binary <c>COPY</c>, on SQLite prepared multi-row
    /// INSERTs (<see cref="ListEntriesAsync"/>) a few thousand at a time; inside the caller's transaction either way.
    /// </summary>
    public static async Task<int> StreamListEntriesAsync(VigilDb db, IEnumerable<ListEntry> rows, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the save's transaction.");
        var count = 0;
        if (transaction.Connection is Npgsql.NpgsqlConnection pg)
        {
            await using var copy = await pg.BeginBinaryImportAsync(
                $"COPY \"ListEntries\" ({string.Join(", ", s_listEntryColumns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var e in rows)
            {
                await copy.StartRowAsync(ct);
                await WriteListEntryColumnsAsync(copy, e, ct);
                count++;
            }
            await copy.CompleteAsync(ct);
            return count;
        }
        foreach (var chunk in rows.Chunk(5000))
        {
            count += await ListEntriesAsync(db, chunk, ct);
        }
        return count;
    }

    private static async Task WriteTextOrNullAsync(Npgsql.NpgsqlBinaryImporter copy, string? value, CancellationToken ct)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(ct);
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlTypes.NpgsqlDbType.Text, ct);
        }
    }

    /// <summary>
    /// Rewrites stored entries of a screening list (by <see cref="ListEntry.Id"/>: every column but the list and the
    /// entry id), in the caller's transaction: on PostgreSQL one binary <c>COPY</c> into a temporary table and one
    /// <c>UPDATE … FROM</c>; on SQLite one prepared UPDATE a row.
    /// </summary>
    public static async Task<int> UpdateListEntriesAsync(VigilDb db, IReadOnlyList<ListEntry> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return 0;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk updates run inside the save's transaction.");
        var connection = transaction.Connection!;
        var set = s_listEntryColumns.Skip(2).ToList();
        if (connection is Npgsql.NpgsqlConnection pg)
        {
            await using (var create = new Npgsql.NpgsqlCommand(
                "CREATE TEMPORARY TABLE IF NOT EXISTS list_entry_updates (LIKE \"ListEntries\" INCLUDING DEFAULTS) ON COMMIT DROP; TRUNCATE list_entry_updates", pg, (Npgsql.NpgsqlTransaction)transaction))
            {
                await create.ExecuteNonQueryAsync(ct);
            }
            await using (var copy = await pg.BeginBinaryImportAsync(
                $"COPY list_entry_updates (\"Id\", {string.Join(", ", s_listEntryColumns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var e in rows)
                {
                    // The Id first, then the row as an insert writes it.
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(e.Id, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
                    await WriteListEntryColumnsAsync(copy, e, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await using var update = new Npgsql.NpgsqlCommand(
                $"UPDATE \"ListEntries\" AS t SET {string.Join(", ", set.Select(c => $"\"{c}\" = u.\"{c}\""))} FROM list_entry_updates AS u WHERE t.\"Id\" = u.\"Id\"",
                pg, (Npgsql.NpgsqlTransaction)transaction);
            return await update.ExecuteNonQueryAsync(ct);
        }
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = $"UPDATE \"ListEntries\" SET {string.Join(", ", set.Select((c, i) => $"\"{c}\" = @p{i}"))} WHERE \"Id\" = @id";
        for (var i = 0; i < set.Count; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = $"@p{i}";
            p.DbType = s_listEntryTypes[i + 2];
            cmd.Parameters.Add(p);
        }
        var id = cmd.CreateParameter();
        id.ParameterName = "@id";
        id.DbType = DbType.Int64;
        cmd.Parameters.Add(id);
        await cmd.PrepareAsync(ct);
        var updated = 0;
        var values = new object?[s_listEntryColumns.Length];
        foreach (var e in rows)
        {
            ListEntryValues(e, values);
            for (var i = 0; i < set.Count; i++)
            {
                cmd.Parameters[i].Value = values[i + 2] ?? DBNull.Value;
            }
            id.Value = e.Id;
            updated += await cmd.ExecuteNonQueryAsync(ct);
        }
        return updated;
    }

    private static async Task WriteListEntryColumnsAsync(Npgsql.NpgsqlBinaryImporter copy, ListEntry e, CancellationToken ct)
    {
        await copy.WriteAsync(e.List, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(e.EntryId, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(e.Name, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(e.Schema, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(e.Aliases, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(e.Identifiers, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(e.Programmes, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(e.Datasets, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(e.Countries, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await WriteTextOrNullAsync(copy, e.Date, ct);
        await WriteTextOrNullAsync(copy, e.Remarks, ct);
        await copy.WriteAsync(e.ListedDate, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await WriteTextOrNullAsync(copy, e.DelistedDate, ct);
        await copy.WriteAsync(e.SnapshotDate, NpgsqlTypes.NpgsqlDbType.Text, ct);
        if (e.ActorId is { } actorId)
        {
            await copy.WriteAsync(actorId, NpgsqlTypes.NpgsqlDbType.Bigint, ct);
        }
        else
        {
            await copy.WriteNullAsync(ct);
        }
        await copy.WriteAsync(e.History, NpgsqlTypes.NpgsqlDbType.Text, ct);
        await copy.WriteAsync(DateTime.SpecifyKind(e.UpdatedAt, DateTimeKind.Utc), NpgsqlTypes.NpgsqlDbType.TimestampTz, ct);
    }

    private static void ListEntryValues(ListEntry e, object?[] v)
    {
        v[0] = e.List;
        v[1] = e.EntryId;
        v[2] = e.Name;
        v[3] = e.Schema;
        v[4] = e.Aliases;
        v[5] = e.Identifiers;
        v[6] = e.Programmes;
        v[7] = e.Datasets;
        v[8] = e.Countries;
        v[9] = e.Date;
        v[10] = e.Remarks;
        v[11] = e.ListedDate;
        v[12] = e.DelistedDate;
        v[13] = e.SnapshotDate;
        v[14] = e.ActorId;
        v[15] = e.History;
        v[16] = e.UpdatedAt;
    }

    /// <summary>
    /// On SQLite, inserts the new records of a large save (an import) with one prepared statement per
    /// table, in dependency order, and hands them back to the tracker as saved; EF's own save of that
    /// many rows was four fifths of a bulk load. Values are bound through EF's type mappings, so they are
    /// stored exactly as EF stores them. Small saves, saves that also delete (a deleted slug may be
    /// reused by a new record), and PostgreSQL (where EF's batching already saves round trips) keep EF's path.
    /// </summary>
    public static async Task<int> AddedRecordsAsync(VigilDb db, CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            return 0;
        }
        var entries = db.ChangeTracker.Entries().ToList();
        if (entries.Count(e => e.State == EntityState.Added) < BulkThreshold || entries.Any(e => e.State == EntityState.Deleted))
        {
            return 0;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the save's transaction.");
        var inserted = new List<EntityEntry>();
        foreach (var type in s_insertOrder)
        {
            var rows = entries.Where(e => e.State == EntityState.Added && e.Metadata.ClrType == type).ToList();
            if (rows.Count == 0)
            {
                continue;
            }
            var entityType = rows[0].Metadata;
            var key = entityType.FindPrimaryKey()!.Properties.Single();
            var columns = entityType.GetProperties().Where(p => p != key).ToList();
            await using var cmd = transaction.Connection!.CreateCommand();
            cmd.Transaction = transaction;
            cmd.CommandText = $"INSERT INTO \"{entityType.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c.GetColumnName()}\""))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))}) RETURNING \"{key.GetColumnName()}\"";
            // Prepared once: an unprepared command is compiled again on every execution.
            await cmd.PrepareAsync(ct);
            foreach (var row in rows)
            {
                cmd.Parameters.Clear();
                for (var i = 0; i < columns.Count; i++)
                {
                    var property = row.Property(columns[i].Name);
                    if (property.IsTemporary)
                    {
                        // A key that points at a row this save has not written: leave it all to EF.
                        throw new InvalidOperationException($"{entityType.DisplayName()}.{columns[i].Name} still holds a temporary key.");
                    }
                    cmd.Parameters.Add(columns[i].GetRelationalTypeMapping().CreateParameter(cmd, $"@p{i}", property.CurrentValue, columns[i].IsNullable));
                }
                var id = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
                // Setting the real key makes EF carry it into the foreign keys of the rows still to come.
                row.Property(key.Name).CurrentValue = id;
                inserted.Add(row);
            }
        }
        foreach (var row in inserted)
        {
            row.State = EntityState.Unchanged;
        }
        return inserted.Count;
    }

    private static async Task<int> InsertAsync<T>(
        VigilDb db, string table, string[] columns, DbType[] types, IReadOnlyList<T> rows, Action<T, object?[]> values, CancellationToken ct,
        int rowsPerStatement = RowsPerStatement)
    {
        // Microsoft.Data.Sqlite binds each parameter by name, and SQLite finds a name by a linear scan: a
        // statement's binding costs the square of its parameters. Wide rows therefore go in fewer rows a statement.
        if (rows.Count == 0)
        {
            return 0;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the save's transaction.");
        var connection = transaction.Connection!;
        var row = new object?[columns.Length];
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += rowsPerStatement)
            {
                var count = Math.Min(rowsPerStatement, rows.Count - start);
                DbCommand cmd;
                if (count == rowsPerStatement)
                {
                    cmd = full ??= await PrepareAsync(connection, transaction, table, columns, types, count, ct);
                }
                else
                {
                    cmd = await PrepareAsync(connection, transaction, table, columns, types, count, ct);
                }
                for (var i = 0; i < count; i++)
                {
                    values(rows[start + i], row);
                    for (var c = 0; c < columns.Length; c++)
                    {
                        cmd.Parameters[i * columns.Length + c].Value = row[c] ?? DBNull.Value;
                    }
                }
                await cmd.ExecuteNonQueryAsync(ct);
                if (!ReferenceEquals(cmd, full))
                {
                    await cmd.DisposeAsync();
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
        return rows.Count;
    }

    private static async Task<DbCommand> PrepareAsync(
        DbConnection connection, DbTransaction transaction, string table, string[] columns, DbType[] types, int rows, CancellationToken ct)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        var sql = new System.Text.StringBuilder()
            .Append("INSERT INTO \"").Append(table).Append("\" (")
            .AppendJoin(", ", columns.Select(c => $"\"{c}\""))
            .Append(") VALUES ");
        for (var i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                var name = $"@p{i * columns.Length + c}";
                sql.Append(c == 0 ? "" : ", ").Append(name);
                var p = cmd.CreateParameter();
                p.ParameterName = name;
                p.DbType = types[c];
                cmd.Parameters.Add(p);
            }
            sql.Append(')');
        }
        cmd.CommandText = sql.ToString();
        await cmd.PrepareAsync(ct);
        return cmd;
    }
}
