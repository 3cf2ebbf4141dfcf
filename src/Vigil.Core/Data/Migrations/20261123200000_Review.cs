using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Vigil.Data.Migrations;

/// <summary>
/// Four-eyes review: changes proposed to published records (held until a second person approves them),
/// review steps with their comments, and the tombstones retracted records leave behind.
/// </summary>
[DbContext(typeof(VigilDb))]
[Migration("20261123200000_Review")]
public sealed class Review : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "PendingChanges",
            columns: table => new
            {
                Id = Identity<long>(table),
                RecordKind = table.Column<int>(nullable: false),
                RecordId = table.Column<long>(nullable: false),
                BaseVersion = table.Column<int>(nullable: false),
                Marking = table.Column<int>(nullable: false),
                ProposedAt = table.Column<DateTime>(nullable: false),
                ProposedBy = table.Column<string>(maxLength: 200, nullable: false),
                Reason = table.Column<string>(maxLength: 1000, nullable: true),
                InputType = table.Column<string>(maxLength: 20, nullable: false),
                Input = table.Column<string>(nullable: false),
                Changes = table.Column<string>(nullable: false),
                State = table.Column<int>(nullable: false),
                DecidedAt = table.Column<DateTime>(nullable: true),
                DecidedBy = table.Column<string>(maxLength: 200, nullable: true),
                Comment = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_PendingChanges", x => x.Id));

        migrationBuilder.CreateTable(
            name: "ReviewEvents",
            columns: table => new
            {
                Id = Identity<long>(table),
                RecordKind = table.Column<int>(nullable: false),
                RecordId = table.Column<long>(nullable: false),
                Version = table.Column<int>(nullable: false),
                Marking = table.Column<int>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                By = table.Column<string>(maxLength: 200, nullable: false),
                Action = table.Column<string>(maxLength: 20, nullable: false),
                Comment = table.Column<string>(maxLength: 2000, nullable: true),
                ChangeId = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ReviewEvents", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Tombstones",
            columns: table => new
            {
                Id = Identity<long>(table),
                RecordKind = table.Column<int>(nullable: false),
                RecordId = table.Column<long>(nullable: false),
                Slug = table.Column<string>(maxLength: 200, nullable: false),
                Label = table.Column<string>(maxLength: 1000, nullable: false),
                Marking = table.Column<int>(nullable: false),
                RetractedAt = table.Column<DateTime>(nullable: false),
                RetractedBy = table.Column<string>(maxLength: 200, nullable: false),
                Reason = table.Column<string>(maxLength: 2000, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Tombstones", x => x.Id));

        migrationBuilder.CreateIndex("IX_PendingChanges_RecordKind_RecordId_State", "PendingChanges", ["RecordKind", "RecordId", "State"]);
        migrationBuilder.CreateIndex("IX_PendingChanges_State", "PendingChanges", "State");
        migrationBuilder.CreateIndex("IX_ReviewEvents_RecordKind_RecordId_Version", "ReviewEvents", ["RecordKind", "RecordId", "Version"]);
        migrationBuilder.CreateIndex("IX_Tombstones_RecordKind_Slug", "Tombstones", ["RecordKind", "Slug"]);
        migrationBuilder.CreateIndex("IX_Tombstones_RecordKind_RecordId", "Tombstones", ["RecordKind", "RecordId"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("Tombstones");
        migrationBuilder.DropTable("ReviewEvents");
        migrationBuilder.DropTable("PendingChanges");
    }

    // A generated key on both providers (see the Initial migration).
    private static OperationBuilder<AddColumnOperation> Identity<T>(ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
