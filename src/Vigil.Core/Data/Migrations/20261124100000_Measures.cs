using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Vigil.Data.Migrations;

/// <summary>
/// Accountability measures (sanctions, listings, charges, lawsuits…) with their targets and dated,
/// cited steps; citations of measures; the review queue of uncertain sanctions-list matches.
/// </summary>
[DbContext(typeof(VigilDb))]
[Migration("20261124100000_Measures")]
public sealed class Measures : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Measures",
            columns: table => new
            {
                Id = Identity<long>(table),
                Type = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 1000, nullable: false),
                AuthorityId = table.Column<long>(nullable: false),
                Programme = table.Column<string>(maxLength: 300, nullable: true),
                Reference = table.Column<string>(maxLength: 1000, nullable: true),
                AnnouncedDate = table.Column<string>(maxLength: 10, nullable: true),
                EffectiveDate = table.Column<string>(maxLength: 10, nullable: true),
                LiftedDate = table.Column<string>(maxLength: 10, nullable: true),
                Stage = table.Column<int>(nullable: false),
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
                table.PrimaryKey("PK_Measures", x => x.Id);
                table.ForeignKey("FK_Measures_Actors_AuthorityId", x => x.AuthorityId, "Actors", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "MeasureTargets",
            columns: table => new
            {
                Id = Identity<long>(table),
                MeasureId = table.Column<long>(nullable: false),
                ActorId = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MeasureTargets", x => x.Id);
                table.ForeignKey("FK_MeasureTargets_Measures_MeasureId", x => x.MeasureId, "Measures", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_MeasureTargets_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "MeasureSteps",
            columns: table => new
            {
                Id = Identity<long>(table),
                MeasureId = table.Column<long>(nullable: false),
                Stage = table.Column<int>(nullable: false),
                Date = table.Column<string>(maxLength: 10, nullable: true),
                SourceId = table.Column<long>(nullable: true),
                Note = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MeasureSteps", x => x.Id);
                table.ForeignKey("FK_MeasureSteps_Measures_MeasureId", x => x.MeasureId, "Measures", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_MeasureSteps_Sources_SourceId", x => x.SourceId, "Sources", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "MatchCandidates",
            columns: table => new
            {
                Id = Identity<long>(table),
                List = table.Column<string>(maxLength: 20, nullable: false),
                EntryId = table.Column<string>(maxLength: 200, nullable: false),
                EntryName = table.Column<string>(maxLength: 500, nullable: false),
                ListedActorId = table.Column<long>(nullable: false),
                CandidateActorId = table.Column<long>(nullable: false),
                Score = table.Column<int>(nullable: false),
                EvidenceFor = table.Column<string>(nullable: false),
                EvidenceAgainst = table.Column<string>(nullable: false),
                State = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                DecidedAt = table.Column<DateTime>(nullable: true),
                DecidedBy = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MatchCandidates", x => x.Id);
                table.ForeignKey("FK_MatchCandidates_Actors_ListedActorId", x => x.ListedActorId, "Actors", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_MatchCandidates_Actors_CandidateActorId", x => x.CandidateActorId, "Actors", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.AddColumn<long>(name: "MeasureId", table: "Citations", nullable: true);
        if (migrationBuilder.IsNpgsql())
        {
            // SQLite cannot add a constraint to an existing table without rebuilding it; there the
            // column is checked by the model (and a measure is retracted, never deleted).
            migrationBuilder.AddForeignKey("FK_Citations_Measures_MeasureId", "Citations", "MeasureId", "Measures",
                principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        }

        migrationBuilder.CreateIndex("IX_Citations_MeasureId", "Citations", "MeasureId");
        migrationBuilder.CreateIndex("IX_Measures_Slug", "Measures", "Slug", unique: true);
        migrationBuilder.CreateIndex("IX_Measures_Status_Marking", "Measures", ["Status", "Marking"]);
        migrationBuilder.CreateIndex("IX_Measures_UpdatedAt", "Measures", "UpdatedAt");
        migrationBuilder.CreateIndex("IX_Measures_AuthorityId_Type", "Measures", ["AuthorityId", "Type"]);
        migrationBuilder.CreateIndex("IX_Measures_Type_AnnouncedDate_Id_Marking_Status", "Measures", ["Type", "AnnouncedDate", "Id", "Marking", "Status"]);
        migrationBuilder.CreateIndex("IX_Measures_AnnouncedDate_Id_Marking_Status", "Measures", ["AnnouncedDate", "Id", "Marking", "Status"]);
        migrationBuilder.CreateIndex("IX_MeasureTargets_MeasureId", "MeasureTargets", "MeasureId");
        migrationBuilder.CreateIndex("IX_MeasureTargets_ActorId", "MeasureTargets", "ActorId");
        migrationBuilder.CreateIndex("IX_MeasureSteps_MeasureId", "MeasureSteps", "MeasureId");
        migrationBuilder.CreateIndex("IX_MeasureSteps_SourceId", "MeasureSteps", "SourceId");
        migrationBuilder.CreateIndex("IX_MatchCandidates_List_EntryId_CandidateActorId", "MatchCandidates", ["List", "EntryId", "CandidateActorId"], unique: true);
        migrationBuilder.CreateIndex("IX_MatchCandidates_State_Score", "MatchCandidates", ["State", "Score"]);
        migrationBuilder.CreateIndex("IX_MatchCandidates_ListedActorId", "MatchCandidates", "ListedActorId");
        migrationBuilder.CreateIndex("IX_MatchCandidates_CandidateActorId", "MatchCandidates", "CandidateActorId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Citations_MeasureId", "Citations");
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.DropForeignKey("FK_Citations_Measures_MeasureId", "Citations");
        }
        migrationBuilder.DropColumn("MeasureId", "Citations");
        migrationBuilder.DropTable("MatchCandidates");
        migrationBuilder.DropTable("MeasureSteps");
        migrationBuilder.DropTable("MeasureTargets");
        migrationBuilder.DropTable("Measures");
    }

    // A generated key on both providers (see the Initial migration).
    private static OperationBuilder<AddColumnOperation> Identity<T>(ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
