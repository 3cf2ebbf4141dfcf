using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Vigil.Security;

namespace Vigil.Data.Migrations;

/// <summary>
/// Following changes (<see cref="SecurityDb"/>): private feed tokens, watches, where each inbox and digest
/// stands, outgoing webhooks and their outbox of deliveries. Per-person settings, not records of the graph.
/// </summary>
[DbContext(typeof(SecurityDb))]
[Migration("20261206210000_Watchlists")]
public sealed class Watchlists : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "FeedTokens",
            columns: table => new
            {
                Id = Identity<long>(table),
                AccountId = table.Column<long>(nullable: false),
                Prefix = table.Column<string>(maxLength: 16, nullable: false),
                Hash = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                RevokedAt = table.Column<DateTime>(nullable: true),
                LastUsedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_FeedTokens", x => x.Id);
                table.ForeignKey("FK_FeedTokens_AspNetUsers_AccountId", x => x.AccountId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_FeedTokens_AccountId", "FeedTokens", "AccountId");
        migrationBuilder.CreateIndex("IX_FeedTokens_Hash", "FeedTokens", "Hash", unique: true);

        migrationBuilder.CreateTable(
            name: "Watches",
            columns: table => new
            {
                Id = Identity<long>(table),
                AccountId = table.Column<long>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                Value = table.Column<string>(maxLength: 200, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Watches", x => x.Id);
                table.ForeignKey("FK_Watches_AspNetUsers_AccountId", x => x.AccountId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Watches_AccountId_Kind_Value", "Watches", ["AccountId", "Kind", "Value"], unique: true);

        migrationBuilder.CreateTable(
            name: "InboxMarks",
            columns: table => new
            {
                AccountId = table.Column<long>(nullable: false),
                SeenRevisionId = table.Column<long>(nullable: false),
                SeenAt = table.Column<DateTime>(nullable: true),
                DigestRevisionId = table.Column<long>(nullable: false),
                DigestAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InboxMarks", x => x.AccountId);
                table.ForeignKey("FK_InboxMarks_AspNetUsers_AccountId", x => x.AccountId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Webhooks",
            columns: table => new
            {
                Id = Identity<long>(table),
                AccountId = table.Column<long>(nullable: false),
                Url = table.Column<string>(maxLength: 500, nullable: false),
                Follows = table.Column<string>(maxLength: 32, nullable: false),
                ProtectedSecret = table.Column<string>(nullable: false),
                SecretPrefix = table.Column<string>(maxLength: 16, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                DisabledAt = table.Column<DateTime>(nullable: true),
                ScannedRevisionId = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Webhooks", x => x.Id);
                table.ForeignKey("FK_Webhooks_AspNetUsers_AccountId", x => x.AccountId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Webhooks_AccountId", "Webhooks", "AccountId");

        migrationBuilder.CreateTable(
            name: "WebhookDeliveries",
            columns: table => new
            {
                Id = Identity<long>(table),
                WebhookId = table.Column<long>(nullable: false),
                RevisionId = table.Column<long>(nullable: false),
                Payload = table.Column<string>(nullable: false),
                State = table.Column<int>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                NextAttemptAt = table.Column<DateTime>(nullable: false),
                LastAttemptAt = table.Column<DateTime>(nullable: true),
                LastStatus = table.Column<int>(nullable: true),
                LastError = table.Column<string>(maxLength: 300, nullable: true),
                DeliveredAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                table.ForeignKey("FK_WebhookDeliveries_Webhooks_WebhookId", x => x.WebhookId, "Webhooks", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_State_NextAttemptAt", "WebhookDeliveries", ["State", "NextAttemptAt"]);
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_WebhookId_RevisionId", "WebhookDeliveries", ["WebhookId", "RevisionId"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("WebhookDeliveries");
        migrationBuilder.DropTable("Webhooks");
        migrationBuilder.DropTable("InboxMarks");
        migrationBuilder.DropTable("Watches");
        migrationBuilder.DropTable("FeedTokens");
    }

    // A generated key on both providers (see the Initial migration).
    private static OperationBuilder<AddColumnOperation> Identity<T>(ColumnsBuilder table) =>
        table.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
