using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Vigil.Access;
using Vigil.Data;
using Vigil.Features.Actors;
using Vigil.Features.Import;
using Vigil.Features.Relationships;
using Vigil.Features.Review;
using Vigil.Features.Search;
using Vigil.Features.Sources;
using Vigil.Matching;
using Vigil.Model;
using Vigil.Testing;
using Xunit;

namespace Vigil.Core.Tests.Features.Import;

/// <summary>Reading tables (CSV, XLSX) and guessing the mapping from headers: no database.</summary>
public sealed class TableFileTests
{
    [Fact]
    public void Csv_DetectsSemicolons_DropsTheBom_AndNumbersRowsAsASpreadsheetDoes()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Vendor;Agency\n\nAcme;\"Ministry; of X\"\nBeta;Gamma\n")).ToArray();
        var table = TableFiles.Read(bytes, "t.csv");
        table.Headers.Should().Equal("Vendor", "Agency");
        table.Rows.Select(r => r.Number).Should().Equal(3, 4);
        table.Rows[0].Cell(1).Should().Be("Ministry; of X");
        table.Column(" agency ").Should().Be(1);
    }

    [Fact]
    public void Read_RefusesDuplicateOrBlankHeaders_AndNonUtf8_NamingTheFile()
    {
        FluentActions.Invoking(() => TableFiles.Read("a,A\n1,2\n"u8.ToArray(), "dup.csv"))
            .Should().Throw<TableFileException>().WithMessage("dup.csv: row 1: two columns are named 'A'.");
        FluentActions.Invoking(() => TableFiles.Read("a,,b\n1,2,3\n"u8.ToArray(), "blank.csv"))
            .Should().Throw<TableFileException>().WithMessage("blank.csv: row 1: column 2 has no name*");
        FluentActions.Invoking(() => TableFiles.Read([0x61, 0xE9, 0x0A], "latin.csv"))
            .Should().Throw<TableFileException>().WithMessage("latin.csv: not UTF-8*");
        FluentActions.Invoking(() => TableFiles.Read("not a zip"u8.ToArray(), "broken.xlsx"))
            .Should().Throw<TableFileException>().WithMessage("broken.xlsx: not a readable XLSX workbook*");
    }

    [Fact]
    public void Xlsx_ReadsSharedAndInlineStrings_Numbers_AndDateCellsAsIsoDates()
    {
        var table = TableFiles.Read(ImportTableTests.Xlsx(
            ["Vendor", "Agency", "Start", "Share"],
            ["Acme Surveillance", "Ministry of Interior", new DateTime(2019, 5, 14), 12.5]), "book.xlsx");
        table.Headers.Should().Equal("Vendor", "Agency", "Start", "Share");
        table.Rows.Should().ContainSingle();
        table.Rows[0].Number.Should().Be(2);
        table.Rows[0].Cells.Should().Equal("Acme Surveillance", "Ministry of Interior", "2019-05-14", "12.5");
    }

    [Fact]
    public void Suggest_PicksColumnsByHeader_EachColumnOnce()
    {
        var suggested = TableTargets.Suggest(TableTargets.Relationships, ["Vendor", "Relationship", "Agency", "Start date", "Source title", "Source URL", "Page"]);
        suggested.Should().Contain(new Dictionary<string, string>
        {
            ["from"] = "Vendor", ["type"] = "Relationship", ["to"] = "Agency", ["start-date"] = "Start date",
            ["source"] = "Source title", ["source-url"] = "Source URL", ["locator"] = "Page",
        });
        TableTargets.Check(TableTargets.Relationships, new Dictionary<string, string> { ["from"] = "Vendor", ["colour"] = "X" }, null)
            .ToDictionary().Should().ContainKeys("colour", "type", "to", "source");
    }
}

/// <summary>
/// The table import on a real database: the dry run names every refused row by row and column and
/// writes nothing; an unknown or ambiguous actor is listed, never guessed; a file with refused rows is
/// refused whole unless told to leave them out; the rows land as drafts in one change set, with the
/// sources they name (made as drafts when new) and a citation each; the same file twice changes nothing.
/// </summary>
public abstract class ImportTableTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Reader s_editor = new("edna", Marking.Amber, SeesUnpublished: true, CanEdit: true) { AccountId = 1 };

    private static readonly Reader s_reader = new("rita", Marking.Amber, SeesUnpublished: false, CanEdit: false) { AccountId = 2 };

    private static readonly Dictionary<string, string> s_columns = new()
    {
        ["from"] = "Vendor", ["type"] = "Relationship", ["to"] = "Agency", ["start-date"] = "Since",
        ["source"] = "Source", ["source-url"] = "URL", ["locator"] = "Page",
    };

    private const string Header = "Vendor,Relationship,Agency,Since,Source,URL,Page\n";

    private static ImportTableHandler Handler(VigilDb db)
    {
        var lookup = new LookupHandler(db, new NameSearch());
        return new ImportTableHandler(db, lookup, new CreateRelationshipHandler(db, lookup, new GetRelationshipHandler(db)),
            new CreateActorHandler(db, new GetActorHandler(db)), new CreateSourceHandler(db, new GetSourceHandler(db)), new SubmitChangeSetHandler(db));
    }

    private async Task<TableImportResult> RunAsync(string csv, bool dryRun, bool skip = false, Reader? reader = null, string target = TableTargets.Relationships, Dictionary<string, string>? columns = null)
    {
        await using var db = Database.CreateContext(reader ?? s_editor);
        var table = TableFiles.Read(Encoding.UTF8.GetBytes(csv), "vendors.csv");
        var input = new TableImportInput(target, columns ?? s_columns, skip);
        return dryRun ? await Handler(db).PlanAsync(table, input, Ct) : await Handler(db).ImportAsync(table, input, Ct);
    }

    private async Task SeedAsync()
    {
        await using var db = Database.CreateContext();
        db.Actors.AddRange(
            new Actor { Slug = "acme-surveillance", Name = "Acme Surveillance Ltd", ActorKind = ActorKind.Company, Country = "CY", Status = ReviewStatus.Published },
            new Actor { Slug = "beta-intercept", Name = "Beta Intercept", ActorKind = ActorKind.Company, Status = ReviewStatus.Published },
            new Actor { Slug = "interior-ministry-ru", Name = "Interior Ministry", ActorKind = ActorKind.PublicBody, Country = "RW", Status = ReviewStatus.Published },
            new Actor { Slug = "interior-ministry-ug", Name = "Interior Ministry", ActorKind = ActorKind.PublicBody, Country = "UG", Status = ReviewStatus.Published },
            new Actor { Slug = "nis-kenya", Name = "National Intelligence Service of Kenya", ActorKind = ActorKind.PublicBody, Country = "KE", Status = ReviewStatus.Published });
        db.Sources.Add(new Source { Slug = "lab-report", Title = "Lab report 2021", Url = "https://lab.example/report", Status = ReviewStatus.Published });
        await db.SaveChangesAsync(Ct);
    }

    private async Task<(int Edges, int Sources, int Citations, int Sets)> CountAsync()
    {
        await using var db = Database.CreateContext();
        return (await db.Relationships.CountAsync(Ct), await db.Sources.CountAsync(Ct), await db.Citations.CountAsync(Ct), await db.ChangeSets.CountAsync(Ct));
    }

    private const string Mixed = Header
        + "Acme Surveillance Ltd,supplies,National Intelligence Service of Kenya,2019-05,Lab report 2021,,p. 4\n"
        + "Beta Intercept,supplies,Ministry of Nowhere,2020,New leak,https://news.example/leak,\n"
        + "Beta Intercept,supplies,Interior Ministry,2020,New leak,https://news.example/leak,\n"
        + "acme-surveillance,sells,nis-kenya,2021-13,,https://lab.example/report,\n"
        + "Beta Intercept,supplies,nis-kenya,2018,,https://unknown.example/x,\n";

    [Fact]
    public async Task DryRun_ListsUnknownAmbiguousAndInvalidCells_WithRowAndColumn_AndWritesNothing()
    {
        await SeedAsync();
        var before = await CountAsync();

        var result = await RunAsync(Mixed, dryRun: true);

        result.Outcome.Should().Be(TableImportOutcome.Done);
        var plan = result.Plan!;
        plan.Rows.Select(r => r.Outcome).Should().Equal("create", "refused", "refused", "refused", "refused");
        plan.Rows[0].Summary.Should().Be("Acme Surveillance Ltd supplies National Intelligence Service of Kenya (from 2019-05)");
        plan.Rows[0].Source.Should().Be("Lab report 2021");
        var problems = plan.Problems.Select(p => p.ToString()).ToList();
        problems.Should().Contain(p => p.StartsWith("row 3, column 'Agency': There is no actor 'Ministry of Nowhere'.", StringComparison.Ordinal));
        problems.Should().Contain(p => p.StartsWith("row 4, column 'Agency': 'Interior Ministry' names several: Interior Ministry", StringComparison.Ordinal));
        problems.Should().Contain(p => p.StartsWith("row 5, column 'Relationship': 'sells' is not a relationship type", StringComparison.Ordinal));
        problems.Should().Contain("row 5, column 'Since': '2021-13' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.");
        problems.Should().Contain("row 6, column 'URL': No source in Vigil has the address https://unknown.example/x. Give its title (a 'source' column) so that the import can make it.");
        plan.NewSources.Should().BeEmpty("the only row naming the new leak is refused");
        (await CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Import_WithRefusedRows_IsRefusedWhole_UnlessTheyAreLeftOut()
    {
        await SeedAsync();
        var before = await CountAsync();

        var refused = await RunAsync(Mixed, dryRun: false);
        refused.Outcome.Should().Be(TableImportOutcome.Refused);
        refused.Detail.Should().StartWith("4 of 5 rows are refused; nothing was written.");
        (await CountAsync()).Should().Be(before);

        var imported = await RunAsync(Mixed, dryRun: false, skip: true);
        imported.Outcome.Should().Be(TableImportOutcome.Done, imported.Detail);
        imported.Created.Should().Be(1);
        (await CountAsync()).Should().Be((before.Edges + 1, before.Sources, before.Citations + 1, before.Sets + 1));
    }

    [Fact]
    public async Task Import_LandsAsDraftsInOneChangeSet_CitingTheSourcesTheRowsName_AndTwiceChangesNothing()
    {
        await SeedAsync();
        const string csv = Header
            + "Acme Surveillance Ltd,supplies,National Intelligence Service of Kenya,2019-05,Lab report 2021,,p. 4\n"
            + "Beta Intercept,supplies,National Intelligence Service of Kenya,2020,New leak,https://news.example/leak,\n"
            + "Beta Intercept,brokers-for,Acme Surveillance Ltd,,New leak,https://news.example/leak,p. 2\n"
            + "Beta Intercept,supplies,nis-kenya,2020,New leak,https://news.example/leak,\n";

        var result = await RunAsync(csv, dryRun: false);

        result.Outcome.Should().Be(TableImportOutcome.Done, result.Detail);
        result.Plan!.Rows.Select(r => r.Outcome).Should().Equal("create", "create", "create", "exists");
        result.Plan.Rows[3].Notes.Should().Equal("the same relationship as row 3");
        result.Plan.NewSources.Should().Equal("New leak");
        (result.Created, result.SourcesCreated).Should().Be((3, 1));

        await using (var db = Database.CreateContext(s_editor))
        {
            var set = await db.ChangeSets.Include(s => s.Items).SingleAsync(Ct);
            set.Id.Should().Be(result.ChangeSetId);
            set.State.Should().Be(ChangeSetState.InReview);
            set.Title.Should().Be("Table vendors.csv: 3 relationships");
            set.Items.GroupBy(i => i.RecordKind).ToDictionary(g => g.Key, g => g.Count())
                .Should().Equal(new Dictionary<RecordKind, int> { [RecordKind.Relationship] = 3, [RecordKind.Citation] = 3, [RecordKind.Source] = 1 });
            var edges = await db.Relationships.Include(r => r.FromActor).Include(r => r.ToActor).OrderBy(r => r.Id).ToListAsync(Ct);
            edges.Should().OnlyContain(r => r.Status == ReviewStatus.InReview && r.CreatedBy == "edna");
            edges[1].StartDate.Should().Be("2020");
            var leak = await db.Sources.SingleAsync(s => s.Url == "https://news.example/leak", Ct);
            (leak.Title, leak.Status).Should().Be(("New leak", ReviewStatus.InReview));
            var citations = await db.Citations.Include(c => c.Source).OrderBy(c => c.Id).ToListAsync(Ct);
            citations.Select(c => (c.Source!.Slug, c.Locator, c.RelationshipId))
                .Should().Equal(("lab-report", "p. 4", edges[0].Id), (leak.Slug, null, edges[1].Id), (leak.Slug, "p. 2", edges[2].Id));
            (await db.Revisions.AnyAsync(r => r.RecordKind == RecordKind.Relationship && r.Reason == "imported from the table vendors.csv", Ct)).Should().BeTrue();
        }

        var before = await CountAsync();
        var again = await RunAsync(csv, dryRun: false);
        again.Outcome.Should().Be(TableImportOutcome.Done);
        again.Plan!.Rows.Should().OnlyContain(r => r.Outcome == "exists");
        again.ChangeSetId.Should().BeNull();
        (await CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task ANewSource_IsMarkedAsTheMostRestrictedRowCitingIt()
    {
        await SeedAsync();
        const string csv = "Vendor,Relationship,Agency,Source,URL,TLP\n"
            + "Acme Surveillance Ltd,supplies,nis-kenya,Insider notes,https://notes.example/1,\n"
            + "Beta Intercept,supplies,nis-kenya,Insider notes,https://notes.example/1,AMBER\n";
        var columns = new Dictionary<string, string> { ["from"] = "Vendor", ["type"] = "Relationship", ["to"] = "Agency", ["source"] = "Source", ["source-url"] = "URL", ["marking"] = "TLP" };

        var result = await RunAsync(csv, dryRun: false, columns: columns);

        result.Outcome.Should().Be(TableImportOutcome.Done, result.Detail);
        await using var db = Database.CreateContext(s_editor);
        (await db.Sources.SingleAsync(s => s.Url == "https://notes.example/1", Ct)).Marking.Should().Be(Marking.Amber);
        (await db.Relationships.Select(r => r.Marking).ToListAsync(Ct)).Should().BeEquivalentTo([Marking.Clear, Marking.Amber]);
    }

    [Fact]
    public async Task Actors_AreImportedWithAliases_AndAKnownNameIsLeftAlone()
    {
        await SeedAsync();
        var columns = new Dictionary<string, string> { ["name"] = "Name", ["kind"] = "Kind", ["country"] = "Country", ["aliases"] = "AKA", ["source"] = "Source" };
        const string csv = "Name,Kind,Country,AKA,Source\n"
            + "Gamma Lawful Access,company,DE,Gamma LA; GLA,Lab report 2021\n"
            + "Beta Intercept,company,,,Lab report 2021\n"
            + "Delta Group,ngo,XX,,Lab report 2021\n";

        var result = await RunAsync(csv, dryRun: false, skip: true, target: TableTargets.Actors, columns: columns);

        result.Outcome.Should().Be(TableImportOutcome.Done, result.Detail);
        result.Plan!.Rows.Select(r => r.Outcome).Should().Equal("create", "exists", "refused");
        result.Plan.Rows[1].Notes.Should().ContainSingle().Which.Should().StartWith("in Vigil already: Beta Intercept");
        result.Plan.Problems.Select(p => p.ToString()).Should().Contain("row 4, column 'Country': 'XX' is not an ISO 3166-1 alpha-2 country code.")
            .And.Contain(p => p.StartsWith("row 4, column 'Kind': 'ngo' is not an actor kind", StringComparison.Ordinal));
        await using var db = Database.CreateContext(s_editor);
        var gamma = await db.Actors.Include(a => a.Aliases).SingleAsync(a => a.Name == "Gamma Lawful Access", Ct);
        (gamma.Country, gamma.Status).Should().Be(("DE", ReviewStatus.InReview));
        gamma.Aliases.Select(a => a.Name).Should().BeEquivalentTo("Gamma LA", "GLA");
        (await db.Citations.CountAsync(c => c.ActorId == gamma.Id, Ct)).Should().Be(1);
    }

    [Fact]
    public async Task Mappings_AreSavedByName_Reused_AndCheckedAgainstTheFile()
    {
        await using (var db = Database.CreateContext(s_editor))
        {
            var handler = new TableMappingsHandler(db);
            (await handler.SaveAsync("contracts", TableTargets.Relationships, s_columns, Ct)).Status.Should().Be(Vigil.Features.Common.WriteStatus.Created);
            (await handler.SaveAsync("contracts", TableTargets.Relationships, new Dictionary<string, string>(s_columns) { ["role"] = "Role" }, Ct))
                .Status.Should().Be(Vigil.Features.Common.WriteStatus.Updated);
            (await handler.SaveAsync("", TableTargets.Relationships, s_columns, Ct)).Errors.Should().ContainKey("name");
            (await handler.SaveAsync("x", "incidents", s_columns, Ct)).Errors.Should().ContainKey("target");
        }
        await using (var db = Database.CreateContext(s_reader))
        {
            (await new TableMappingsHandler(db).SaveAsync("mine", TableTargets.Relationships, s_columns, Ct)).Status.Should().Be(Vigil.Features.Common.WriteStatus.Forbidden);
            (await new TableMappingsHandler(db).ListAsync(Ct)).Should().BeEmpty("mappings are an editor's tool");
        }
        await using (var db = Database.CreateContext(s_editor))
        {
            var saved = (await new TableMappingsHandler(db).GetAsync("contracts", Ct))!;
            saved.Columns.Should().Contain("role", "Role").And.HaveCount(s_columns.Count + 1);
            var table = TableFiles.Read(Encoding.UTF8.GetBytes(Header + "a,b,c,,d,,\n"), "vendors.csv");
            var plan = await Handler(db).PlanAsync(table, new TableImportInput(saved.Target, saved.Columns), Ct);
            plan.Outcome.Should().Be(TableImportOutcome.Invalid);
            plan.Errors!["role"].Should().ContainSingle().Which.Should().StartWith("role: the file has no column 'Role'");
        }
    }

    [Fact]
    public async Task OnlyEditorsImport()
    {
        (await RunAsync(Mixed, dryRun: true, reader: s_reader)).Outcome.Should().Be(TableImportOutcome.Forbidden);
        (await RunAsync(Mixed, dryRun: false, reader: s_reader)).Outcome.Should().Be(TableImportOutcome.Forbidden);
    }

    [Fact]
    public async Task Xlsx_GoesThroughTheSameImport()
    {
        await SeedAsync();
        var bytes = Xlsx(["Vendor", "Relationship", "Agency", "Since", "Source", "URL", "Page"],
            ["Acme Surveillance Ltd", "supplies", "National Intelligence Service of Kenya", new DateTime(2019, 5, 14), "Lab report 2021", "", "p. 9"]);
        await using var db = Database.CreateContext(s_editor);
        var result = await Handler(db).ImportAsync(TableFiles.Read(bytes, "vendors.xlsx"), new TableImportInput(TableTargets.Relationships, s_columns), Ct);
        result.Outcome.Should().Be(TableImportOutcome.Done, result.Detail);
        (await db.Relationships.SingleAsync(Ct)).StartDate.Should().Be("2019-05-14");
    }

    /// <summary>A one-sheet workbook: a header row of text, then rows of text (shared and inline strings), numbers and dates.</summary>
    internal static byte[] Xlsx(string[] headers, params object[][] rows)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            var styles = book.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var shared = book.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable();
            var sheetPart = book.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint r = 1;
            foreach (var values in new[] { headers.Cast<object>().ToArray() }.Concat(rows))
            {
                var row = new Row { RowIndex = r };
                var c = 0;
                foreach (var value in values)
                {
                    var reference = $"{(char)('A' + c)}{r}";
                    row.Append(value switch
                    {
                        DateTime d => new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(d.ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                        double n => new Cell { CellReference = reference, CellValue = new CellValue(n.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                        string s when c % 2 == 1 => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s)) },
                        _ => SharedCell(shared.SharedStringTable, reference, value.ToString()!),
                    });
                    c++;
                }
                data.Append(row);
                r++;
            }
            sheetPart.Worksheet = new Worksheet(data);
            book.Workbook.AppendChild(new Sheets(new Sheet { Id = book.GetIdOfPart(sheetPart), SheetId = 1, Name = "Sheet1" }));
        }
        return stream.ToArray();
    }

    private static Cell SharedCell(SharedStringTable table, string reference, string text)
    {
        table.AppendChild(new SharedStringItem(new Text(text)));
        return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue((table.Count() - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) };
    }
}

[Trait("Database", "Sqlite")]
public sealed class ImportTableOnSqlite() : ImportTableTests(DatabaseKind.Sqlite);

[Trait("Database", "Postgres")]
public sealed class ImportTableOnPostgres() : ImportTableTests(DatabaseKind.Postgres);
