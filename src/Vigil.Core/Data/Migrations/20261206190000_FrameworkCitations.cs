using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Vigil.Data.Migrations;

/// <summary>
/// Frameworks and commitments are cited like every other claim: a framework's wording or a commitment's
/// text may rest on several sources, beyond the one each carried so far.
/// </summary>
[DbContext(typeof(VigilDb))]
[Migration("20261206190000_FrameworkCitations")]
public sealed class FrameworkCitations : Migration
{
    private static readonly (string Column, string Table)[] Subjects = [("FrameworkId", "Frameworks"), ("CommitmentId", "Commitments")];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var (column, table) in Subjects)
        {
            migrationBuilder.AddColumn<long>(column, "Citations", nullable: true);
            migrationBuilder.CreateIndex($"IX_Citations_{column}", "Citations", column);
            // As in the Commitments migration: SQLite cannot add a foreign key to an existing table
            // without rebuilding it; only Vigil's own writes set the column there, PostgreSQL enforces it.
            if (migrationBuilder.IsNpgsql())
            {
                migrationBuilder.AddForeignKey($"FK_Citations_{table}_{column}", "Citations", column, table,
                    principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            }
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (column, table) in Subjects)
        {
            if (migrationBuilder.IsNpgsql())
            {
                migrationBuilder.DropForeignKey($"FK_Citations_{table}_{column}", "Citations");
            }
            migrationBuilder.DropIndex($"IX_Citations_{column}", "Citations");
            migrationBuilder.DropColumn(column, "Citations");
        }
    }
}
