using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Vigil.Data.Migrations;

/// <summary>
/// Screening lists apart from the graph (issue 15): the entries of the SDN and FtM lists, and possible
/// matches that point at a list entry instead of an actor made for it. The entries that earlier imports
/// turned into actors and that Vigil does not track are moved out of the graph after this migration by
/// <see cref="Features.Sanctions.ListEntryMove"/> (C#: it writes the actors' delete revisions).
/// </summary>
[DbContext(typeof(VigilDb))]
[Migration(Id)]
public sealed class ScreeningLists : Migration
{
    public const string Id = "20261207010000_ScreeningLists";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ListEntries",
            columns: table => new
            {
                Id = Identity<long>(table),
                List = table.Column<string>(maxLength: 40, nullable: false),
                EntryId = table.Column<string>(maxLength: 200, nullable: false),
                Name = table.Column<string>(maxLength: 1000, nullable: false),
                Schema = table.Column<string>(maxLength: 40, nullable: false),
                Aliases = table.Column<string>(nullable: false),
                Identifiers = table.Column<string>(nullable: false),
                Programmes = table.Column<string>(nullable: false),
                Countries = table.Column<string>(nullable: false),
                Date = table.Column<string>(maxLength: 10, nullable: true),
                Remarks = table.Column<string>(nullable: true),
                ListedDate = table.Column<string>(maxLength: 10, nullable: false),
                DelistedDate = table.Column<string>(maxLength: 10, nullable: true),
                SnapshotDate = table.Column<string>(maxLength: 10, nullable: false),
                ActorId = table.Column<long>(nullable: true),
                History = table.Column<string>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ListEntries", x => x.Id);
                table.ForeignKey("FK_ListEntries_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.SetNull);
            });
        migrationBuilder.CreateIndex("IX_ListEntries_List_EntryId", "ListEntries", ["List", "EntryId"], unique: true);
        migrationBuilder.CreateIndex("IX_ListEntries_ActorId", "ListEntries", "ActorId");

        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.AlterColumn<long>("ListedActorId", "MatchCandidates", nullable: true, oldClrType: typeof(long), oldNullable: false);
            migrationBuilder.AddColumn<long>("ListEntryId", "MatchCandidates", nullable: true);
            migrationBuilder.AddForeignKey("FK_MatchCandidates_ListEntries_ListEntryId", "MatchCandidates", "ListEntryId", "ListEntries",
                principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        }
        else
        {
            // SQLite cannot relax a NOT NULL nor add a foreign key in place: rebuild the (small) queue table.
            // Nothing references it, so dropping the old one is safe with foreign keys on.
            migrationBuilder.CreateTable(
                name: "MatchCandidates_new",
                columns: table => new
                {
                    Id = Identity<long>(table),
                    List = table.Column<string>(maxLength: 20, nullable: false),
                    EntryId = table.Column<string>(maxLength: 200, nullable: false),
                    EntryName = table.Column<string>(maxLength: 500, nullable: false),
                    ListedActorId = table.Column<long>(nullable: true),
                    CandidateActorId = table.Column<long>(nullable: false),
                    Score = table.Column<int>(nullable: false),
                    EvidenceFor = table.Column<string>(nullable: false),
                    EvidenceAgainst = table.Column<string>(nullable: false),
                    State = table.Column<int>(nullable: false),
                    CreatedAt = table.Column<DateTime>(nullable: false),
                    DecidedAt = table.Column<DateTime>(nullable: true),
                    DecidedBy = table.Column<string>(maxLength: 200, nullable: true),
                    ListEntryId = table.Column<long>(nullable: true),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchCandidates", x => x.Id);
                    table.ForeignKey("FK_MatchCandidates_Actors_ListedActorId", x => x.ListedActorId, "Actors", "Id", onDelete: ReferentialAction.Cascade);
                    table.ForeignKey("FK_MatchCandidates_Actors_CandidateActorId", x => x.CandidateActorId, "Actors", "Id", onDelete: ReferentialAction.Cascade);
                    table.ForeignKey("FK_MatchCandidates_ListEntries_ListEntryId", x => x.ListEntryId, "ListEntries", "Id", onDelete: ReferentialAction.Cascade);
                });
            const string columns = "\"Id\", \"List\", \"EntryId\", \"EntryName\", \"ListedActorId\", \"CandidateActorId\", \"Score\", \"EvidenceFor\", \"EvidenceAgainst\", \"State\", \"CreatedAt\", \"DecidedAt\", \"DecidedBy\"";
            migrationBuilder.Sql($"INSERT INTO \"MatchCandidates_new\" ({columns}) SELECT {columns} FROM \"MatchCandidates\";");
            migrationBuilder.DropTable("MatchCandidates");
            migrationBuilder.RenameTable("MatchCandidates_new", newName: "MatchCandidates");
            migrationBuilder.CreateIndex("IX_MatchCandidates_List_EntryId_CandidateActorId", "MatchCandidates", ["List", "EntryId", "CandidateActorId"], unique: true);
            migrationBuilder.CreateIndex("IX_MatchCandidates_State_Score", "MatchCandidates", ["State", "Score"]);
            migrationBuilder.CreateIndex("IX_MatchCandidates_ListedActorId", "MatchCandidates", "ListedActorId");
            migrationBuilder.CreateIndex("IX_MatchCandidates_CandidateActorId", "MatchCandidates", "CandidateActorId");
        }
        migrationBuilder.CreateIndex("IX_MatchCandidates_ListEntryId", "MatchCandidates", "ListEntryId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_MatchCandidates_ListEntryId", "MatchCandidates");
        migrationBuilder.Sql("DELETE FROM \"MatchCandidates\" WHERE \"ListedActorId\" IS NULL;");
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.DropForeignKey("FK_MatchCandidates_ListEntries_ListEntryId", "MatchCandidates");
            migrationBuilder.DropColumn("ListEntryId", "MatchCandidates");
            migrationBuilder.AlterColumn<long>("ListedActorId", "MatchCandidates", nullable: false, oldClrType: typeof(long), oldNullable: true);
        }
        else
        {
            migrationBuilder.Sql("UPDATE \"MatchCandidates\" SET \"ListEntryId\" = NULL;");
        }
        migrationBuilder.DropTable("ListEntries");
    }

    // A generated key on both providers (see the Initial migration).
    private static OperationBuilder<AddColumnOperation> Identity<T>(ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
