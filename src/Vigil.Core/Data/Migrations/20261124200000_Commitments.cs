using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Vigil.Data.Migrations;

/// <summary>
/// Commitments: frameworks (with editions) and their commitments, endorsements, quarterly assessments,
/// national reports, the rating scale (as data, seeded here) and the quarters; citations may cite
/// endorsements, assessments and national reports.
/// </summary>
[DbContext(typeof(VigilDb))]
[Migration("20261124200000_Commitments")]
public sealed class Commitments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "RatingSteps",
            columns: table => new
            {
                Value = table.Column<int>(nullable: false),
                Code = table.Column<string>(maxLength: 50, nullable: false),
                Label = table.Column<string>(maxLength: 100, nullable: false),
                Definition = table.Column<string>(maxLength: 2000, nullable: false),
                Points = table.Column<int>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_RatingSteps", x => x.Value));

        // The scale as data (no model snapshot to type an InsertData, so plain SQL both engines read).
        migrationBuilder.Sql("""
            INSERT INTO "RatingSteps" ("Value", "Code", "Label", "Definition", "Points") VALUES
            (0, 'no-evidence', 'No evidence', 'Nothing public shows whether the commitment is being carried out; not scored, counted apart.', NULL),
            (1, 'not-started', 'Not started', 'Public information shows no step taken towards the commitment.', 0),
            (2, 'limited', 'Limited', 'First steps (announcements, drafts, pilots) with little effect yet.', 33),
            (3, 'substantial', 'Substantial', 'Most of the commitment is in force and applied, with gaps.', 67),
            (4, 'complete', 'Complete', 'The commitment is fully in force, applied, and verifiable.', 100);
            """);

        migrationBuilder.CreateTable(
            name: "Quarters",
            columns: table => new
            {
                Id = Identity<long>(table),
                Code = table.Column<string>(maxLength: 6, nullable: false),
                State = table.Column<int>(nullable: false),
                OpenedAt = table.Column<DateTime>(nullable: false),
                OpenedBy = table.Column<string>(maxLength: 200, nullable: false),
                ClosedAt = table.Column<DateTime>(nullable: true),
                ClosedBy = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Quarters", x => x.Id));
        migrationBuilder.CreateIndex("IX_Quarters_Code", "Quarters", "Code", unique: true);

        migrationBuilder.CreateTable(
            name: "Frameworks",
            columns: table => new
            {
                Id = Identity<long>(table),
                Name = table.Column<string>(maxLength: 500, nullable: false),
                FrameworkKind = table.Column<int>(nullable: false),
                Series = table.Column<string>(maxLength: 200, nullable: false),
                Edition = table.Column<int>(nullable: false),
                Date = table.Column<string>(maxLength: 10, nullable: true),
                Description = table.Column<string>(nullable: true),
                Provenance = table.Column<string>(maxLength: 2000, nullable: true),
                OwnerActorId = table.Column<long>(nullable: true),
                SourceId = table.Column<long>(nullable: true),
                SupersedesId = table.Column<long>(nullable: true),
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
                table.PrimaryKey("PK_Frameworks", x => x.Id);
                table.ForeignKey("FK_Frameworks_Actors_OwnerActorId", x => x.OwnerActorId, "Actors", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Frameworks_Sources_SourceId", x => x.SourceId, "Sources", "Id", onDelete: ReferentialAction.Restrict);
            });
        RecordIndexes(migrationBuilder, "Frameworks");
        migrationBuilder.CreateIndex("IX_Frameworks_Series_Edition", "Frameworks", ["Series", "Edition"], unique: true);
        migrationBuilder.CreateIndex("IX_Frameworks_OwnerActorId", "Frameworks", "OwnerActorId");
        migrationBuilder.CreateIndex("IX_Frameworks_SourceId", "Frameworks", "SourceId");

        migrationBuilder.CreateTable(
            name: "Commitments",
            columns: table => new
            {
                Id = Identity<long>(table),
                FrameworkId = table.Column<long>(nullable: false),
                Code = table.Column<string>(maxLength: 50, nullable: false),
                Pillar = table.Column<string>(maxLength: 100, nullable: false),
                PillarStated = table.Column<bool>(nullable: false),
                Text = table.Column<string>(maxLength: 4000, nullable: false),
                Quote = table.Column<string>(maxLength: 4000, nullable: true),
                Position = table.Column<int>(nullable: false),
                SourceId = table.Column<long>(nullable: true),
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
                table.PrimaryKey("PK_Commitments", x => x.Id);
                table.ForeignKey("FK_Commitments_Frameworks_FrameworkId", x => x.FrameworkId, "Frameworks", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Commitments_Sources_SourceId", x => x.SourceId, "Sources", "Id", onDelete: ReferentialAction.Restrict);
            });
        RecordIndexes(migrationBuilder, "Commitments");
        migrationBuilder.CreateIndex("IX_Commitments_FrameworkId_Code", "Commitments", ["FrameworkId", "Code"], unique: true);
        migrationBuilder.CreateIndex("IX_Commitments_SourceId", "Commitments", "SourceId");

        migrationBuilder.CreateTable(
            name: "Endorsements",
            columns: table => new
            {
                Id = Identity<long>(table),
                ActorId = table.Column<long>(nullable: false),
                FrameworkId = table.Column<long>(nullable: false),
                Date = table.Column<string>(maxLength: 10, nullable: true),
                Note = table.Column<string>(maxLength: 2000, nullable: true),
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
                table.PrimaryKey("PK_Endorsements", x => x.Id);
                table.ForeignKey("FK_Endorsements_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Endorsements_Frameworks_FrameworkId", x => x.FrameworkId, "Frameworks", "Id", onDelete: ReferentialAction.Restrict);
            });
        RecordIndexes(migrationBuilder, "Endorsements");
        migrationBuilder.CreateIndex("IX_Endorsements_ActorId_FrameworkId", "Endorsements", ["ActorId", "FrameworkId"], unique: true);
        migrationBuilder.CreateIndex("IX_Endorsements_FrameworkId", "Endorsements", "FrameworkId");

        migrationBuilder.CreateTable(
            name: "Assessments",
            columns: table => new
            {
                Id = Identity<long>(table),
                ActorId = table.Column<long>(nullable: false),
                CommitmentId = table.Column<long>(nullable: false),
                Quarter = table.Column<string>(maxLength: 6, nullable: false),
                Rating = table.Column<int>(nullable: true),
                Verifiable = table.Column<bool>(nullable: true),
                ContradictingEvidence = table.Column<bool>(nullable: true),
                Rationale = table.Column<string>(nullable: true),
                Assessor = table.Column<string>(maxLength: 200, nullable: true),
                Edition = table.Column<int>(nullable: false),
                SupersedesId = table.Column<long>(nullable: true),
                CarriedFromId = table.Column<long>(nullable: true),
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
                table.PrimaryKey("PK_Assessments", x => x.Id);
                table.ForeignKey("FK_Assessments_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Assessments_Commitments_CommitmentId", x => x.CommitmentId, "Commitments", "Id", onDelete: ReferentialAction.Restrict);
            });
        RecordIndexes(migrationBuilder, "Assessments");
        migrationBuilder.CreateIndex("IX_Assessments_ActorId_CommitmentId_Quarter_Edition", "Assessments", ["ActorId", "CommitmentId", "Quarter", "Edition"], unique: true);
        migrationBuilder.CreateIndex("IX_Assessments_Quarter_Status", "Assessments", ["Quarter", "Status"]);
        migrationBuilder.CreateIndex("IX_Assessments_CommitmentId", "Assessments", "CommitmentId");

        migrationBuilder.CreateTable(
            name: "NationalReports",
            columns: table => new
            {
                Id = Identity<long>(table),
                ActorId = table.Column<long>(nullable: false),
                CommitmentId = table.Column<long>(nullable: false),
                Quarter = table.Column<string>(maxLength: 6, nullable: false),
                SelfRating = table.Column<int>(nullable: true),
                Actions = table.Column<string>(nullable: true),
                Laws = table.Column<string>(nullable: true),
                Budgets = table.Column<string>(nullable: true),
                OversightBodies = table.Column<string>(nullable: true),
                EvidenceLinks = table.Column<string>(nullable: true),
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
                table.PrimaryKey("PK_NationalReports", x => x.Id);
                table.ForeignKey("FK_NationalReports_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_NationalReports_Commitments_CommitmentId", x => x.CommitmentId, "Commitments", "Id", onDelete: ReferentialAction.Restrict);
            });
        RecordIndexes(migrationBuilder, "NationalReports");
        migrationBuilder.CreateIndex("IX_NationalReports_ActorId_CommitmentId_Quarter", "NationalReports", ["ActorId", "CommitmentId", "Quarter"], unique: true);
        migrationBuilder.CreateIndex("IX_NationalReports_CommitmentId", "NationalReports", "CommitmentId");

        foreach (var (column, table) in new[] { ("EndorsementId", "Endorsements"), ("AssessmentId", "Assessments"), ("NationalReportId", "NationalReports") })
        {
            migrationBuilder.AddColumn<long>(column, "Citations", nullable: true);
            migrationBuilder.CreateIndex($"IX_Citations_{column}", "Citations", column);
            // SQLite cannot add a foreign key to an existing table without rebuilding it; the column is
            // only ever set by Vigil's own writes there, and PostgreSQL enforces the key.
            if (migrationBuilder.IsNpgsql())
            {
                migrationBuilder.AddForeignKey($"FK_Citations_{table}_{column}", "Citations", column, table,
                    principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            }
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (column, table) in new[] { ("EndorsementId", "Endorsements"), ("AssessmentId", "Assessments"), ("NationalReportId", "NationalReports") })
        {
            if (migrationBuilder.IsNpgsql())
            {
                migrationBuilder.DropForeignKey($"FK_Citations_{table}_{column}", "Citations");
            }
            migrationBuilder.DropIndex($"IX_Citations_{column}", "Citations");
            migrationBuilder.DropColumn(column, "Citations");
        }
        migrationBuilder.DropTable("NationalReports");
        migrationBuilder.DropTable("Assessments");
        migrationBuilder.DropTable("Endorsements");
        migrationBuilder.DropTable("Commitments");
        migrationBuilder.DropTable("Frameworks");
        migrationBuilder.DropTable("Quarters");
        migrationBuilder.DropTable("RatingSteps");
    }

    private static void RecordIndexes(MigrationBuilder m, string table)
    {
        m.CreateIndex($"IX_{table}_Slug", table, "Slug", unique: true);
        m.CreateIndex($"IX_{table}_Status_Marking", table, ["Status", "Marking"]);
        m.CreateIndex($"IX_{table}_UpdatedAt", table, "UpdatedAt");
    }

    // A generated key on both providers (see the Initial migration).
    private static OperationBuilder<AddColumnOperation> Identity<T>(ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
