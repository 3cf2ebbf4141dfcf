using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Vigil.Data.Migrations;

/// <summary>Screening case files (issue 15 item 6): a saved screening, its hits as they were, its decision and confirmation.</summary>
[DbContext(typeof(VigilDb))]
[Migration(Id)]
public sealed class ScreeningCases : Migration
{
    public const string Id = "20261207030000_ScreeningCases";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ScreeningCases",
            columns: table => new
            {
                Id = Identity<long>(table),
                QueryName = table.Column<string>(maxLength: 500, nullable: false),
                Schema = table.Column<string>(maxLength: 40, nullable: true),
                Countries = table.Column<string>(maxLength: 200, nullable: false),
                Datasets = table.Column<string>(maxLength: 200, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 200, nullable: false),
                Marking = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                Decision = table.Column<int>(nullable: true),
                Rationale = table.Column<string>(maxLength: 4000, nullable: true),
                DecidedBy = table.Column<string>(maxLength: 200, nullable: true),
                DecidedAt = table.Column<DateTime>(nullable: true),
                ConfirmedBy = table.Column<string>(maxLength: 200, nullable: true),
                ConfirmedAt = table.Column<DateTime>(nullable: true),
                ReopenedAt = table.Column<DateTime>(nullable: true),
                ReopenReason = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ScreeningCases", x => x.Id));
        migrationBuilder.CreateIndex("IX_ScreeningCases_Status", "ScreeningCases", "Status");

        migrationBuilder.CreateTable(
            name: "ScreeningCaseHits",
            columns: table => new
            {
                Id = Identity<long>(table),
                ScreeningCaseId = table.Column<long>(nullable: false),
                CandidateKind = table.Column<string>(maxLength: 20, nullable: false),
                CandidateId = table.Column<string>(maxLength: 300, nullable: false),
                Name = table.Column<string>(maxLength: 1000, nullable: false),
                Dataset = table.Column<string>(maxLength: 200, nullable: false),
                Score = table.Column<double>(nullable: false),
                Explanation = table.Column<string>(nullable: false),
                ActorId = table.Column<long>(nullable: true),
                List = table.Column<string>(maxLength: 40, nullable: true),
                EntryId = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ScreeningCaseHits", x => x.Id);
                table.ForeignKey("FK_ScreeningCaseHits_ScreeningCases_ScreeningCaseId", x => x.ScreeningCaseId, "ScreeningCases", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ScreeningCaseHits_ScreeningCaseId", "ScreeningCaseHits", "ScreeningCaseId");
        migrationBuilder.CreateIndex("IX_ScreeningCaseHits_List_EntryId", "ScreeningCaseHits", ["List", "EntryId"]);
        migrationBuilder.CreateIndex("IX_ScreeningCaseHits_ActorId", "ScreeningCaseHits", "ActorId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ScreeningCaseHits");
        migrationBuilder.DropTable("ScreeningCases");
    }

    // A generated key on both providers (see the Initial migration).
    private static OperationBuilder<AddColumnOperation> Identity<T>(ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
