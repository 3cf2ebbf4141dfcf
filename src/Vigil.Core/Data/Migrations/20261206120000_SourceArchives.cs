using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Vigil.Data.Migrations;

/// <summary>Archived copies of sources: the PDF or HTML as it was read, with its SHA-256 and size.</summary>
[DbContext(typeof(VigilDb))]
[Migration("20261206120000_SourceArchives")]
public sealed class SourceArchives : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SourceArchives",
            columns: table => new
            {
                Id = Identity<long>(table),
                SourceId = table.Column<long>(nullable: false),
                FileName = table.Column<string>(maxLength: 300, nullable: false),
                MediaType = table.Column<string>(maxLength: 100, nullable: false),
                Size = table.Column<long>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                Content = table.Column<byte[]>(nullable: false),
                StoredAt = table.Column<DateTime>(nullable: false),
                StoredBy = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SourceArchives", x => x.Id);
                table.ForeignKey("FK_SourceArchives_Sources_SourceId", x => x.SourceId, "Sources", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_SourceArchives_SourceId", "SourceArchives", "SourceId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("SourceArchives");

    // A generated key on both providers (see the Initial migration).
    private static OperationBuilder<AddColumnOperation> Identity<T>(ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
