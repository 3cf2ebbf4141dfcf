using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Vigil.Data.Migrations;

/// <summary>
/// Honest sources (whether a title is the document's own headline; primary, secondary or tertiary
/// evidence) and the parties of a case (court, plaintiffs, prosecutor, defendants, counsel).
/// </summary>
[DbContext(typeof(VigilDb))]
[Migration("20261204030000_StarterDataChecks")]
public sealed class StarterDataChecks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Existing titles were never checked: they start unverified; existing sources count as press.
        migrationBuilder.AddColumn<bool>(name: "TitleVerified", table: "Sources", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<int>(name: "Evidence", table: "Sources", nullable: false, defaultValue: 2);

        migrationBuilder.CreateTable(
            name: "MeasureParties",
            columns: table => new
            {
                Id = Identity<long>(table),
                MeasureId = table.Column<long>(nullable: false),
                ActorId = table.Column<long>(nullable: false),
                Role = table.Column<int>(nullable: false),
                Note = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MeasureParties", x => x.Id);
                table.ForeignKey("FK_MeasureParties_Measures_MeasureId", x => x.MeasureId, "Measures", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_MeasureParties_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_MeasureParties_MeasureId", "MeasureParties", "MeasureId");
        migrationBuilder.CreateIndex("IX_MeasureParties_ActorId", "MeasureParties", "ActorId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("MeasureParties");
        migrationBuilder.DropColumn("Evidence", "Sources");
        migrationBuilder.DropColumn("TitleVerified", "Sources");
    }

    private static OperationBuilder<AddColumnOperation> Identity<T>(ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
