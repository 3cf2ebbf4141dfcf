using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Vigil.Data.Migrations;

/// <summary>Indicators from labs' STIX 2.1 bundles (domains, hashes, process names…), and citations of them.</summary>
[DbContext(typeof(VigilDb))]
[Migration("20261206220000_Indicators")]
public sealed class Indicators : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Indicators",
            columns: table => new
            {
                Id = Identity<long>(table),
                StixId = table.Column<string>(maxLength: 100, nullable: false),
                Pattern = table.Column<string>(maxLength: 4000, nullable: false),
                PatternType = table.Column<string>(maxLength: 50, nullable: false),
                ObservableKind = table.Column<int>(nullable: false),
                ObservableType = table.Column<string>(maxLength: 200, nullable: false),
                Value = table.Column<string>(maxLength: 2000, nullable: false),
                ValueKey = table.Column<string>(maxLength: 2000, nullable: false),
                Name = table.Column<string>(maxLength: 500, nullable: true),
                Description = table.Column<string>(nullable: true),
                ValidFrom = table.Column<DateTime>(nullable: true),
                ProductId = table.Column<long>(nullable: true),
                IncidentId = table.Column<long>(nullable: true),
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
                table.PrimaryKey("PK_Indicators", x => x.Id);
                table.ForeignKey("FK_Indicators_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Indicators_Incidents_IncidentId", x => x.IncidentId, "Incidents", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Indicators_Slug", "Indicators", "Slug", unique: true);
        migrationBuilder.CreateIndex("IX_Indicators_Status_Marking", "Indicators", ["Status", "Marking"]);
        migrationBuilder.CreateIndex("IX_Indicators_UpdatedAt", "Indicators", "UpdatedAt");
        migrationBuilder.CreateIndex("IX_Indicators_StixId", "Indicators", "StixId", unique: true);
        migrationBuilder.CreateIndex("IX_Indicators_ValueKey", "Indicators", "ValueKey");
        migrationBuilder.CreateIndex("IX_Indicators_ProductId", "Indicators", "ProductId");
        migrationBuilder.CreateIndex("IX_Indicators_IncidentId", "Indicators", "IncidentId");

        migrationBuilder.AddColumn<long>("IndicatorId", "Citations", nullable: true);
        migrationBuilder.CreateIndex("IX_Citations_IndicatorId", "Citations", "IndicatorId");
        // SQLite cannot add a foreign key to an existing table without rebuilding it; PostgreSQL enforces it.
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.AddForeignKey("FK_Citations_Indicators_IndicatorId", "Citations", "IndicatorId", "Indicators",
                principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.DropForeignKey("FK_Citations_Indicators_IndicatorId", "Citations");
        }
        migrationBuilder.DropIndex("IX_Citations_IndicatorId", "Citations");
        migrationBuilder.DropColumn("IndicatorId", "Citations");
        migrationBuilder.DropTable("Indicators");
    }

    // A generated key on both providers (see the Initial migration).
    private static OperationBuilder<AddColumnOperation> Identity<T>(ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
