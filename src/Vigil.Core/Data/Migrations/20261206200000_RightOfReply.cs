using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Vigil.Data.Migrations;

/// <summary>The right of reply: requests for comment sent to actors, what they are about, and the answer's source.</summary>
[DbContext(typeof(VigilDb))]
[Migration("20261206200000_RightOfReply")]
public sealed class RightOfReply : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ReplyRequests",
            columns: table => new
            {
                Id = Identity<long>(table),
                ActorId = table.Column<long>(nullable: false),
                AskedDate = table.Column<string>(maxLength: 10, nullable: false),
                Channel = table.Column<int>(nullable: false),
                Question = table.Column<string>(maxLength: 4000, nullable: false),
                Deadline = table.Column<string>(maxLength: 10, nullable: true),
                Outcome = table.Column<int>(nullable: false),
                AnsweredDate = table.Column<string>(maxLength: 10, nullable: true),
                AnswerText = table.Column<string>(maxLength: 20000, nullable: true),
                AnswerSourceId = table.Column<long>(nullable: true),
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
                table.PrimaryKey("PK_ReplyRequests", x => x.Id);
                table.ForeignKey("FK_ReplyRequests_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ReplyRequests_Sources_AnswerSourceId", x => x.AnswerSourceId, "Sources", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ReplySubjects",
            columns: table => new
            {
                Id = Identity<long>(table),
                ReplyRequestId = table.Column<long>(nullable: false),
                ActorId = table.Column<long>(nullable: true),
                IncidentId = table.Column<long>(nullable: true),
                MeasureId = table.Column<long>(nullable: true),
                RelationshipId = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReplySubjects", x => x.Id);
                table.ForeignKey("FK_ReplySubjects_ReplyRequests_ReplyRequestId", x => x.ReplyRequestId, "ReplyRequests", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ReplySubjects_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ReplySubjects_Incidents_IncidentId", x => x.IncidentId, "Incidents", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ReplySubjects_Measures_MeasureId", x => x.MeasureId, "Measures", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ReplySubjects_Relationships_RelationshipId", x => x.RelationshipId, "Relationships", "Id", onDelete: ReferentialAction.Cascade);
                table.CheckConstraint("CK_ReplySubjects_OneSubject",
                    "(CASE WHEN \"ActorId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"IncidentId\" IS NULL THEN 0 ELSE 1 END)"
                    + " + (CASE WHEN \"MeasureId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"RelationshipId\" IS NULL THEN 0 ELSE 1 END) = 1");
            });

        migrationBuilder.CreateIndex("IX_ReplyRequests_Slug", "ReplyRequests", "Slug", unique: true);
        migrationBuilder.CreateIndex("IX_ReplyRequests_Status_Marking", "ReplyRequests", ["Status", "Marking"]);
        migrationBuilder.CreateIndex("IX_ReplyRequests_UpdatedAt", "ReplyRequests", "UpdatedAt");
        migrationBuilder.CreateIndex("IX_ReplyRequests_ActorId_AskedDate", "ReplyRequests", ["ActorId", "AskedDate"]);
        migrationBuilder.CreateIndex("IX_ReplyRequests_AnswerSourceId", "ReplyRequests", "AnswerSourceId");
        migrationBuilder.CreateIndex("IX_ReplySubjects_ReplyRequestId", "ReplySubjects", "ReplyRequestId");
        migrationBuilder.CreateIndex("IX_ReplySubjects_ActorId", "ReplySubjects", "ActorId");
        migrationBuilder.CreateIndex("IX_ReplySubjects_IncidentId", "ReplySubjects", "IncidentId");
        migrationBuilder.CreateIndex("IX_ReplySubjects_MeasureId", "ReplySubjects", "MeasureId");
        migrationBuilder.CreateIndex("IX_ReplySubjects_RelationshipId", "ReplySubjects", "RelationshipId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ReplySubjects");
        migrationBuilder.DropTable("ReplyRequests");
    }

    // A generated key on both providers (see the Initial migration).
    private static OperationBuilder<AddColumnOperation> Identity<T>(ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
