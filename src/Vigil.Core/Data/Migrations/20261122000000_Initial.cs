using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Vigil.Data.Migrations;

/// <summary>
/// The knowledge graph: actors, products, relationships, sources, citations, revisions, and the
/// full-text index. Hand-written (the EF design package does not install here) and shared by SQLite
/// and PostgreSQL: column types come from the model's CLR types on each provider. The schema test in
/// Vigil.Core.Tests proves that a migrated database matches the model on both.
/// </summary>
[DbContext(typeof(VigilDb))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Actors",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ActorKind = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 500, nullable: false),
                Country = table.Column<string>(maxLength: 2, nullable: true),
                IsDependentTerritory = table.Column<bool>(nullable: false),
                Description = table.Column<string>(nullable: true),
                StartDate = table.Column<string>(maxLength: 10, nullable: true),
                EndDate = table.Column<string>(maxLength: 10, nullable: true),
                Slug = table.Column<string>(maxLength: 200, nullable: false),
                Marking = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 200, nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 200, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Actors", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Products",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(maxLength: 500, nullable: false),
                ProductKind = table.Column<int>(nullable: false),
                Description = table.Column<string>(nullable: true),
                Capabilities = table.Column<string>(nullable: true),
                Slug = table.Column<string>(maxLength: 200, nullable: false),
                Marking = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 200, nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 200, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Products", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Revisions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RecordKind = table.Column<int>(nullable: false),
                RecordId = table.Column<long>(nullable: false),
                Version = table.Column<int>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                By = table.Column<string>(maxLength: 200, nullable: false),
                Reason = table.Column<string>(maxLength: 1000, nullable: true),
                Operation = table.Column<string>(maxLength: 20, nullable: false),
                Changes = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Revisions", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "SearchEntries",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Kind = table.Column<int>(nullable: false),
                RecordId = table.Column<long>(nullable: false),
                Title = table.Column<string>(nullable: false),
                Body = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SearchEntries", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Sources",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Title = table.Column<string>(maxLength: 1000, nullable: false),
                Publisher = table.Column<string>(maxLength: 300, nullable: true),
                Url = table.Column<string>(maxLength: 2000, nullable: true),
                SourceKind = table.Column<int>(nullable: false),
                PublishedDate = table.Column<string>(maxLength: 10, nullable: true),
                AccessedDate = table.Column<string>(maxLength: 10, nullable: true),
                ContentHash = table.Column<string>(maxLength: 64, nullable: true),
                Reliability = table.Column<string>(maxLength: 1, nullable: false),
                Slug = table.Column<string>(maxLength: 200, nullable: false),
                Marking = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 200, nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 200, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Sources", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ActorAliases",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ActorId = table.Column<long>(nullable: false),
                Name = table.Column<string>(maxLength: 500, nullable: false),
                Script = table.Column<string>(maxLength: 4, nullable: true),
                Language = table.Column<string>(maxLength: 35, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ActorAliases", x => x.Id);
                table.ForeignKey(
                    name: "FK_ActorAliases_Actors_ActorId",
                    column: x => x.ActorId,
                    principalTable: "Actors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ActorIdentifiers",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ActorId = table.Column<long>(nullable: false),
                Scheme = table.Column<string>(maxLength: 50, nullable: false),
                Value = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ActorIdentifiers", x => x.Id);
                table.ForeignKey(
                    name: "FK_ActorIdentifiers_Actors_ActorId",
                    column: x => x.ActorId,
                    principalTable: "Actors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ProductAliases",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ProductId = table.Column<long>(nullable: false),
                Name = table.Column<string>(maxLength: 500, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProductAliases", x => x.Id);
                table.ForeignKey(
                    name: "FK_ProductAliases_Products_ProductId",
                    column: x => x.ProductId,
                    principalTable: "Products",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Relationships",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Type = table.Column<int>(nullable: false),
                FromActorId = table.Column<long>(nullable: false),
                ToActorId = table.Column<long>(nullable: true),
                ToProductId = table.Column<long>(nullable: true),
                Role = table.Column<string>(maxLength: 200, nullable: true),
                SharePercent = table.Column<decimal>(precision: 7, scale: 4, nullable: true),
                StartDate = table.Column<string>(maxLength: 10, nullable: true),
                EndDate = table.Column<string>(maxLength: 10, nullable: true),
                Confidence = table.Column<int>(nullable: false),
                Description = table.Column<string>(nullable: true),
                Slug = table.Column<string>(maxLength: 200, nullable: false),
                Marking = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 200, nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 200, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Relationships", x => x.Id);
                table.ForeignKey(
                    name: "FK_Relationships_Actors_FromActorId",
                    column: x => x.FromActorId,
                    principalTable: "Actors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Relationships_Actors_ToActorId",
                    column: x => x.ToActorId,
                    principalTable: "Actors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_Relationships_Products_ToProductId",
                    column: x => x.ToProductId,
                    principalTable: "Products",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.CheckConstraint("CK_Relationships_OneTarget", "(\"ToActorId\" IS NULL AND \"ToProductId\" IS NOT NULL) OR (\"ToActorId\" IS NOT NULL AND \"ToProductId\" IS NULL)");
            });

        migrationBuilder.CreateTable(
            name: "Citations",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                SourceId = table.Column<long>(nullable: false),
                ActorId = table.Column<long>(nullable: true),
                ProductId = table.Column<long>(nullable: true),
                RelationshipId = table.Column<long>(nullable: true),
                Locator = table.Column<string>(maxLength: 500, nullable: true),
                Quote = table.Column<string>(nullable: true),
                Credibility = table.Column<int>(nullable: false),
                Slug = table.Column<string>(maxLength: 200, nullable: false),
                Marking = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 200, nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 200, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Citations", x => x.Id);
                table.ForeignKey(
                    name: "FK_Citations_Actors_ActorId",
                    column: x => x.ActorId,
                    principalTable: "Actors",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Citations_Products_ProductId",
                    column: x => x.ProductId,
                    principalTable: "Products",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Citations_Relationships_RelationshipId",
                    column: x => x.RelationshipId,
                    principalTable: "Relationships",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_Citations_Sources_SourceId",
                    column: x => x.SourceId,
                    principalTable: "Sources",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_ActorAliases_ActorId",
            table: "ActorAliases",
            column: "ActorId");

        migrationBuilder.CreateIndex(
            name: "IX_ActorAliases_Name",
            table: "ActorAliases",
            column: "Name");

        migrationBuilder.CreateIndex(
            name: "IX_ActorIdentifiers_ActorId",
            table: "ActorIdentifiers",
            column: "ActorId");

        migrationBuilder.CreateIndex(
            name: "IX_ActorIdentifiers_Scheme_Value",
            table: "ActorIdentifiers",
            columns: new[] { "Scheme", "Value" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Actors_ActorKind_Name",
            table: "Actors",
            columns: new[] { "ActorKind", "Name" });

        migrationBuilder.CreateIndex(
            name: "IX_Actors_Country_ActorKind",
            table: "Actors",
            columns: new[] { "Country", "ActorKind" });

        migrationBuilder.CreateIndex(
            name: "IX_Actors_Name",
            table: "Actors",
            column: "Name");

        migrationBuilder.CreateIndex(
            name: "IX_Actors_Slug",
            table: "Actors",
            column: "Slug",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Actors_Status_Marking",
            table: "Actors",
            columns: new[] { "Status", "Marking" });

        migrationBuilder.CreateIndex(
            name: "IX_Actors_UpdatedAt",
            table: "Actors",
            column: "UpdatedAt");

        migrationBuilder.CreateIndex(
            name: "IX_Citations_ActorId",
            table: "Citations",
            column: "ActorId");

        migrationBuilder.CreateIndex(
            name: "IX_Citations_ProductId",
            table: "Citations",
            column: "ProductId");

        migrationBuilder.CreateIndex(
            name: "IX_Citations_RelationshipId",
            table: "Citations",
            column: "RelationshipId");

        migrationBuilder.CreateIndex(
            name: "IX_Citations_Slug",
            table: "Citations",
            column: "Slug",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Citations_SourceId",
            table: "Citations",
            column: "SourceId");

        migrationBuilder.CreateIndex(
            name: "IX_Citations_Status_Marking",
            table: "Citations",
            columns: new[] { "Status", "Marking" });

        migrationBuilder.CreateIndex(
            name: "IX_Citations_UpdatedAt",
            table: "Citations",
            column: "UpdatedAt");

        migrationBuilder.CreateIndex(
            name: "IX_ProductAliases_ProductId",
            table: "ProductAliases",
            column: "ProductId");

        migrationBuilder.CreateIndex(
            name: "IX_Products_Name",
            table: "Products",
            column: "Name");

        migrationBuilder.CreateIndex(
            name: "IX_Products_Slug",
            table: "Products",
            column: "Slug",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Products_Status_Marking",
            table: "Products",
            columns: new[] { "Status", "Marking" });

        migrationBuilder.CreateIndex(
            name: "IX_Products_UpdatedAt",
            table: "Products",
            column: "UpdatedAt");

        migrationBuilder.CreateIndex(
            name: "IX_Relationships_FromActorId_Type",
            table: "Relationships",
            columns: new[] { "FromActorId", "Type" });

        migrationBuilder.CreateIndex(
            name: "IX_Relationships_Slug",
            table: "Relationships",
            column: "Slug",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Relationships_Status_Marking",
            table: "Relationships",
            columns: new[] { "Status", "Marking" });

        migrationBuilder.CreateIndex(
            name: "IX_Relationships_ToActorId_Type",
            table: "Relationships",
            columns: new[] { "ToActorId", "Type" });

        migrationBuilder.CreateIndex(
            name: "IX_Relationships_ToProductId",
            table: "Relationships",
            column: "ToProductId");

        migrationBuilder.CreateIndex(
            name: "IX_Relationships_UpdatedAt",
            table: "Relationships",
            column: "UpdatedAt");

        migrationBuilder.CreateIndex(
            name: "IX_Revisions_At",
            table: "Revisions",
            column: "At");

        migrationBuilder.CreateIndex(
            name: "IX_Revisions_RecordKind_RecordId_Version",
            table: "Revisions",
            columns: new[] { "RecordKind", "RecordId", "Version" });

        migrationBuilder.CreateIndex(
            name: "IX_SearchEntries_Kind_RecordId",
            table: "SearchEntries",
            columns: new[] { "Kind", "RecordId" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Sources_Slug",
            table: "Sources",
            column: "Slug",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Sources_Status_Marking",
            table: "Sources",
            columns: new[] { "Status", "Marking" });

        migrationBuilder.CreateIndex(
            name: "IX_Sources_UpdatedAt",
            table: "Sources",
            column: "UpdatedAt");

        migrationBuilder.CreateIndex(
            name: "IX_Sources_Url",
            table: "Sources",
            column: "Url");

        // Full-text index, per provider. Entries hold folded, lower-cased text (see SearchIndexer).
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE SearchFts USING fts5(Title, Body, content='SearchEntries', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');");
            migrationBuilder.Sql(
                "CREATE TRIGGER SearchEntries_ai AFTER INSERT ON SearchEntries BEGIN " +
                "INSERT INTO SearchFts(rowid, Title, Body) VALUES (new.Id, new.Title, new.Body); END;");
            migrationBuilder.Sql(
                "CREATE TRIGGER SearchEntries_ad AFTER DELETE ON SearchEntries BEGIN " +
                "INSERT INTO SearchFts(SearchFts, rowid, Title, Body) VALUES ('delete', old.Id, old.Title, old.Body); END;");
            migrationBuilder.Sql(
                "CREATE TRIGGER SearchEntries_au AFTER UPDATE ON SearchEntries BEGIN " +
                "INSERT INTO SearchFts(SearchFts, rowid, Title, Body) VALUES ('delete', old.Id, old.Title, old.Body); " +
                "INSERT INTO SearchFts(rowid, Title, Body) VALUES (new.Id, new.Title, new.Body); END;");
        }
        else if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql(
                "ALTER TABLE \"SearchEntries\" ADD COLUMN \"Tsv\" tsvector GENERATED ALWAYS AS " +
                "(setweight(to_tsvector('simple', \"Title\"), 'A') || setweight(to_tsvector('simple', \"Body\"), 'B')) STORED;");
            migrationBuilder.Sql("CREATE INDEX \"IX_SearchEntries_Tsv\" ON \"SearchEntries\" USING GIN (\"Tsv\");");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS SearchFts;");
        }
        foreach (var table in new[] { "Citations", "Relationships", "ActorAliases", "ActorIdentifiers", "ProductAliases", "Revisions", "SearchEntries", "Sources", "Products", "Actors" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
