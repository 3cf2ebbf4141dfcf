using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Vigil.Data.Migrations;

/// <summary>
/// The source datasets of a list entry (issue 15: screening's <c>datasets</c> filter selects by them, as yente's does).
/// SDN entries are filled here, exactly: theirs is <c>us_ofac_sdn</c>. FtM entries are left empty on purpose: their
/// remarks name only their sanctions' datasets, not the entity's own, so a value read from them would be incomplete and
/// the next import would note the difference as a change of every entry (reopening every case with a hit on one).
/// The next FtM import fills them instead, without a note (<see cref="Features.Sanctions.ListDelta.Differences"/>);
/// until then they are screened under <c>opensanctions</c> and with no filter, not under a source dataset.
/// </summary>
[DbContext(typeof(VigilDb))]
[Migration(Id)]
public sealed class ListEntryDatasets : Migration
{
    public const string Id = "20261208000000_ListEntryDatasets";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("Datasets", "ListEntries", nullable: false, defaultValue: "");
        migrationBuilder.Sql("UPDATE \"ListEntries\" SET \"Datasets\" = 'us_ofac_sdn' WHERE \"List\" = 'us_ofac_sdn';");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn("Datasets", "ListEntries");
}
