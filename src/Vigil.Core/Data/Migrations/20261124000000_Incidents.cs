using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Vigil.Data.Migrations;

/// <summary>
/// Incidents and their targets: the incident record, its links to products, vendors, suspected
/// operators and investigators, the targets (pseudonym, category, encrypted identity) with their
/// assigned editors, and the citation key for incidents.
/// </summary>
[DbContext(typeof(VigilDb))]
[Migration("20261124000000_Incidents")]
public sealed class Incidents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Incidents",
            columns: table => new
            {
                Id = Identity<long>(table),
                Title = table.Column<string>(maxLength: 500, nullable: false),
                Summary = table.Column<string>(nullable: true),
                FirstSeen = table.Column<string>(maxLength: 10, nullable: true),
                LastSeen = table.Column<string>(maxLength: 10, nullable: true),
                DisclosedOn = table.Column<string>(maxLength: 10, nullable: true),
                Country = table.Column<string>(maxLength: 2, nullable: true),
                ForensicStatus = table.Column<int>(nullable: false),
                Vector = table.Column<int>(nullable: false),
                Slug = table.Column<string>(maxLength: 200, nullable: false),
                Marking = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 200, nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 200, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Incidents", x => x.Id));

        migrationBuilder.CreateTable(
            name: "IncidentProducts",
            columns: table => new
            {
                Id = Identity<long>(table),
                IncidentId = table.Column<long>(nullable: false),
                ProductId = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IncidentProducts", x => x.Id);
                table.ForeignKey("FK_IncidentProducts_Incidents_IncidentId", x => x.IncidentId, "Incidents", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_IncidentProducts_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_IncidentProducts_IncidentId", "IncidentProducts", "IncidentId");
        migrationBuilder.CreateIndex("IX_IncidentProducts_ProductId", "IncidentProducts", "ProductId");

        migrationBuilder.CreateTable(
            name: "IncidentVendors",
            columns: table => new
            {
                Id = Identity<long>(table),
                IncidentId = table.Column<long>(nullable: false),
                ActorId = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IncidentVendors", x => x.Id);
                table.ForeignKey("FK_IncidentVendors_Incidents_IncidentId", x => x.IncidentId, "Incidents", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_IncidentVendors_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_IncidentVendors_IncidentId", "IncidentVendors", "IncidentId");
        migrationBuilder.CreateIndex("IX_IncidentVendors_ActorId", "IncidentVendors", "ActorId");

        migrationBuilder.CreateTable(
            name: "IncidentInvestigators",
            columns: table => new
            {
                Id = Identity<long>(table),
                IncidentId = table.Column<long>(nullable: false),
                ActorId = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IncidentInvestigators", x => x.Id);
                table.ForeignKey("FK_IncidentInvestigators_Incidents_IncidentId", x => x.IncidentId, "Incidents", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_IncidentInvestigators_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_IncidentInvestigators_IncidentId", "IncidentInvestigators", "IncidentId");
        migrationBuilder.CreateIndex("IX_IncidentInvestigators_ActorId", "IncidentInvestigators", "ActorId");
        migrationBuilder.CreateTable(
            name: "IncidentOperators",
            columns: table => new
            {
                Id = Identity<long>(table),
                IncidentId = table.Column<long>(nullable: false),
                ActorId = table.Column<long>(nullable: false),
                Confidence = table.Column<int>(nullable: false),
                Reasoning = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IncidentOperators", x => x.Id);
                table.ForeignKey("FK_IncidentOperators_Incidents_IncidentId", x => x.IncidentId, "Incidents", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_IncidentOperators_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_IncidentOperators_IncidentId", "IncidentOperators", "IncidentId");
        migrationBuilder.CreateIndex("IX_IncidentOperators_ActorId", "IncidentOperators", "ActorId");

        migrationBuilder.CreateTable(
            name: "Targets",
            columns: table => new
            {
                Id = Identity<long>(table),
                IncidentId = table.Column<long>(nullable: false),
                Pseudonym = table.Column<string>(maxLength: 40, nullable: false),
                Category = table.Column<int>(nullable: false),
                ResidenceCountry = table.Column<string>(maxLength: 2, nullable: true),
                Nationality = table.Column<string>(maxLength: 2, nullable: true),
                Consent = table.Column<int>(nullable: false),
                IdentityCipher = table.Column<string>(nullable: true),
                IdentityKeyId = table.Column<string>(maxLength: 40, nullable: true),
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
                table.PrimaryKey("PK_Targets", x => x.Id);
                table.ForeignKey("FK_Targets_Incidents_IncidentId", x => x.IncidentId, "Incidents", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateTable(
            name: "TargetEditors",
            columns: table => new
            {
                Id = Identity<long>(table),
                TargetId = table.Column<long>(nullable: false),
                UserName = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TargetEditors", x => x.Id);
                table.ForeignKey("FK_TargetEditors_Targets_TargetId", x => x.TargetId, "Targets", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_TargetEditors_TargetId", "TargetEditors", "TargetId");

        foreach (var table in new[] { "Incidents", "Targets" })
        {
            migrationBuilder.CreateIndex($"IX_{table}_Slug", table, "Slug", unique: true);
            migrationBuilder.CreateIndex($"IX_{table}_Status_Marking", table, ["Status", "Marking"]);
            migrationBuilder.CreateIndex($"IX_{table}_UpdatedAt", table, "UpdatedAt");
        }
        migrationBuilder.CreateIndex("IX_Incidents_FirstSeen_Id_Marking_Status", "Incidents", ["FirstSeen", "Id", "Marking", "Status"]);
        migrationBuilder.CreateIndex("IX_Incidents_Country", "Incidents", "Country");
        migrationBuilder.CreateIndex("IX_Targets_IncidentId", "Targets", "IncidentId");

        migrationBuilder.AddColumn<long>(name: "IncidentId", table: "Citations", nullable: true);
        migrationBuilder.CreateIndex("IX_Citations_IncidentId", "Citations", "IncidentId");
        // SQLite cannot add a foreign key to an existing table without rebuilding it; the rebuild would
        // drop the citation rows' other constraints' names. The cascade is kept by the handlers there.
        if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            migrationBuilder.AddForeignKey("FK_Citations_Incidents_IncidentId", "Citations", "IncidentId", "Incidents",
                principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            migrationBuilder.DropForeignKey("FK_Citations_Incidents_IncidentId", "Citations");
        }
        migrationBuilder.DropIndex("IX_Citations_IncidentId", "Citations");
        migrationBuilder.DropColumn("IncidentId", "Citations");
        migrationBuilder.DropTable("TargetEditors");
        migrationBuilder.DropTable("Targets");
        migrationBuilder.DropTable("IncidentOperators");
        migrationBuilder.DropTable("IncidentInvestigators");
        migrationBuilder.DropTable("IncidentVendors");
        migrationBuilder.DropTable("IncidentProducts");
        migrationBuilder.DropTable("Incidents");
    }

    // A generated key on both providers (see the Initial migration).
    private static OperationBuilder<AddColumnOperation> Identity<T>(ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
