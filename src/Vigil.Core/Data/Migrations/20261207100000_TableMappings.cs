using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Vigil.Data.Migrations;

/// <summary>Saved column mappings of the table import (issue 18 item 4).</summary>
[DbContext(typeof(VigilDb))]
[Migration(Id)]
public sealed class TableMappings : Migration
{
    public const string Id = "20261207100000_TableMappings";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "TableMappings",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Target = table.Column<string>(maxLength: 40, nullable: false),
                Columns = table.Column<string>(maxLength: 8000, nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 200, nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_TableMappings", x => x.Id));
        migrationBuilder.CreateIndex("IX_TableMappings_Name", "TableMappings", "Name", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("TableMappings");
}
