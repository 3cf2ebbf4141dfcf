using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Export;

namespace Vigil.Web.Api;

/// <summary>/api/v1/data: every kind of record as a CSV or JSON download, under the one access rule.</summary>
public static class OpenDataApi
{
    public static RouteGroupBuilder MapOpenDataApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/data").WithTags("Open data");

        group.MapGet("/", () => TypedResults.Ok(OpenDataHandler.Tables.Select(t => new OpenDataTable(
                t.Name, t.Holds, $"/api/v1/data/{t.Name}.csv", $"/api/v1/data/{t.Name}.json")).ToList()))
            .WithName("ListOpenData").WithSummary("The open-data tables: each kind of record, with what it holds and its CSV and JSON downloads.");

        group.MapGet("/entities.ftm.json", async (ExportFtmHandler handler, CancellationToken ct) =>
                TypedResults.File((await handler.HandleAsync(ct)).ToLines(), "application/x-ndjson; charset=utf-8", "vigil-entities.ftm.json"))
            .WithName("GetFtmEntities")
            .WithSummary("The graph as FollowTheMoney entities, one JSON object a line: actors as Company, Person, PublicBody or Organization; ownership and officer edges as Ownership and Directorship (other edges as Succession, Representation, Membership or UnknownLink); sanctions and listings as Sanction; sources as sourceUrl and publisher. The records you may see; products and incidents are left out. An export holding AMBER or RED records is audited.");

        group.MapGet("/misp-galaxy.json", async (ExportMispGalaxyHandler handler, CancellationToken ct) =>
                TypedResults.File((await handler.HandleAsync(ct)).ToUtf8(), "application/json; charset=utf-8", ExportMispGalaxyHandler.FileName))
            .WithName("GetMispGalaxy")
            .WithSummary("The surveillance vendors as a MISP galaxy cluster file, in the shape of MISP/misp-galaxy's clusters/surveillance-vendor.json (same cluster uuid, the version above it): each vendor with its MISP uuid where it came from the galaxy, its country, aliases as synonyms, sources as refs, products, and its successor-of, subsidiary-of, part-of and owner-of edges to other vendors as related. The vendors you may see. An export holding AMBER or RED records is audited.");

        group.MapGet("/{table}.{format}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                string table, string format, OpenDataHandler handler, CancellationToken ct) =>
            {
                if (format is not ("csv" or "json"))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                        detail: $"There is no format '{format}': csv or json.");
                }
                if (!OpenDataHandler.Exists(table) || await handler.HandleAsync(table, format, ct) is not { } data)
                {
                    return ApiResults.NotFound("table", table);
                }
                return format == "csv"
                    ? TypedResults.File(Encoding.UTF8.GetBytes(data.ToCsv()), "text/csv; charset=utf-8", $"vigil-{table}.csv")
                    : TypedResults.File(data.ToJson(), "application/json; charset=utf-8", $"vigil-{table}.json");
            })
            .WithName("GetOpenData")
            .WithSummary("One table (actors, products, relationships, incidents, measures, measure-steps, endorsements, assessments, sources, citations) as csv or json: the records you may see, incidents with targets by pseudonym only. An export holding AMBER or RED records is audited.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}

/// <summary>An open-data table: its name, what it holds, and where to download it.</summary>
public sealed record OpenDataTable(string Name, string Holds, string Csv, string Json);
