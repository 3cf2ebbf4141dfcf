using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Data;

/// <summary>
/// The migrations are hand-written (the EF design package does not install here), so this proves
/// they build the schema the model describes: a migrated database and one created straight from
/// the model must have the same tables, columns (type, nullability) and indexes.
/// </summary>
public abstract class SchemaTests(DatabaseKind kind) : DatabaseTest(kind)
{
    // Provider-specific full-text objects made by the migration on purpose, outside the EF model.
    private static readonly string[] s_searchObjects = ["SearchFts", "Tsv", "IX_SearchEntries_Tsv", "SearchEntries_a"];

    [Fact]
    public async Task MigratedSchema_MatchesTheModel()
    {
        await using var fromModel = await TestDatabase.CreateAsync(Kind);
        await using (var db = fromModel.CreateContext())
        {
            await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
            // The security tables share the database: EnsureCreated skips a database that has tables,
            // so run their model's DDL directly.
            await using var security = DatabaseSetup.CreateSecurityDb(fromModel.Options);
            await security.Database.ExecuteSqlRawAsync(security.Database.GenerateCreateScript(), TestContext.Current.CancellationToken);
        }
        var migrated = await DescribeAsync(Database);
        var expected = await DescribeAsync(fromModel);
        migrated.Except(expected).Should().BeEmpty("the migrations build this but the model does not describe it");
        expected.Except(migrated).Should().BeEmpty(
            "the model describes this but no migration builds it: write a migration for every model change (see docs/development.md)");
    }

    [Fact]
    public async Task Migrate_IsRepeatable()
    {
        await Database.MigrateAsync();
        await using var db = Database.CreateContext();
        (await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).Should().BeEmpty();
        await using var security = DatabaseSetup.CreateSecurityDb(Database.Options);
        (await security.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).Should().BeEmpty();
    }

    private static async Task<List<string>> DescribeAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var sql = database.Kind == DatabaseKind.Sqlite
            ? """
              SELECT 'column ' || m.name || '.' || p.name || ' ' || upper(p.type) || CASE WHEN p."notnull" THEN ' not null' ELSE '' END || CASE WHEN p.pk THEN ' pk' ELSE '' END AS "Value"
              FROM sqlite_master m JOIN pragma_table_info(m.name) p
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '\_\_%' ESCAPE '\'
              UNION ALL
              SELECT 'index ' || m.name || ' ' || lower(replace(m.sql, '"', '')) FROM sqlite_master m WHERE m.type = 'index' AND m.sql IS NOT NULL
              """
            : """
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || coalesce(' ' || numeric_precision || ',' || numeric_scale, '') || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END AS "Value"
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_%'
              UNION ALL
              SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\_\_%'
              UNION ALL
              SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conname NOT LIKE '%MigrationsHistory%'
              """;
        var rows = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
        return rows.Where(r => !s_searchObjects.Any(r.Contains)).Order(StringComparer.Ordinal).ToList();
    }
}

[Trait("Database", "Sqlite")]
public sealed class SchemaOnSqlite() : SchemaTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class SchemaOnPostgres() : SchemaTests(DatabaseKind.Postgres);
