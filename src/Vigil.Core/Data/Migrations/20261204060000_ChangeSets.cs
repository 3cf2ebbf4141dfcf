using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Vigil.Data.Migrations;

/// <summary>Change sets: an editor's related drafts, submitted, reviewed and published as one.</summary>
[DbContext(typeof(VigilDb))]
[Migration("20261204060000_ChangeSets")]
public sealed class ChangeSets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ChangeSets",
            columns: table => new
            {
                Id = Identity<long>(table),
                Title = table.Column<string>(maxLength: 300, nullable: false),
                SubmittedBy = table.Column<string>(maxLength: 200, nullable: false),
                SubmittedAt = table.Column<DateTime>(nullable: false),
                Marking = table.Column<int>(nullable: false),
                State = table.Column<int>(nullable: false),
                DecidedAt = table.Column<DateTime>(nullable: true),
                DecidedBy = table.Column<string>(maxLength: 200, nullable: true),
                Comment = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ChangeSets", x => x.Id));

        migrationBuilder.CreateTable(
            name: "ChangeSetItems",
            columns: table => new
            {
                Id = Identity<long>(table),
                ChangeSetId = table.Column<long>(nullable: false),
                RecordKind = table.Column<int>(nullable: false),
                RecordId = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ChangeSetItems", x => x.Id);
                table.ForeignKey("FK_ChangeSetItems_ChangeSets_ChangeSetId", x => x.ChangeSetId, "ChangeSets", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_ChangeSets_State", "ChangeSets", "State");
        migrationBuilder.CreateIndex("IX_ChangeSetItems_ChangeSetId", "ChangeSetItems", "ChangeSetId");
        migrationBuilder.CreateIndex("IX_ChangeSetItems_RecordKind_RecordId", "ChangeSetItems", ["RecordKind", "RecordId"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ChangeSetItems");
        migrationBuilder.DropTable("ChangeSets");
    }

    // A generated key on both providers (see the Initial migration).
    private static OperationBuilder<AddColumnOperation> Identity<T>(ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
