using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Features.Common;
using Vigil.Features.Incidents;
using Vigil.Features.Review;
using Vigil.Model;

namespace Vigil.Web.Api;

/// <summary>
/// /api/v1/incidents and /api/v1/targets. Targets appear by pseudonym and category only: no response
/// here carries a real identity except the audited reveal, and only to a reader cleared for it.
/// </summary>
public static class IncidentsApi
{
    /// <summary>A revealed identity. Sent only to a reader cleared for it; the reveal is in the audit log.</summary>
    public sealed record RevealedIdentity(string Pseudonym, string Identity);

    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/incidents").WithTags("Incidents");

        group.MapGet("/", async Task<Results<Ok<PagedList<IncidentSummary>>, ValidationProblem>> (
                int? year, string? vendor, string? product, string? @operator, string? operatorState, string? investigator,
                string? category, string? country, bool? transnational, string? status, string? q, bool? oldest, int? page, int? pageSize, string? actor,
                ListIncidentsHandler handler, CancellationToken ct) =>
                ApiResults.List(await handler.HandleAsync(new ListIncidentsQuery(year, vendor, product, @operator, operatorState, investigator,
                    category, country, transnational, status, q, oldest ?? false, page, pageSize, actor), ct)))
            .WithName("ListIncidents")
            .WithSummary("Lists incidents, newest first (oldest=true for a timeline), filtered by year, actor (any role), vendor, product, operator, operatorState, investigator, target category, country, transnational repression, status or full text (q).");

        group.MapGet("/stats", async Task<Ok<IncidentStatisticsResult>> (GetIncidentStatisticsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithName("GetIncidentStatistics")
            .WithSummary("Statistics of the published incidents the reader may see: by year, operator state, vendor, product, target category, investigator and transnational repression; each figure with the list query behind it.");

        group.MapGet("/{idOrSlug}", async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> (
                string idOrSlug, GetIncidentHandler handler, GetTombstoneHandler tombstones, CancellationToken ct) =>
                await ApiResults.GetOrGoneAsync(await handler.HandleAsync(idOrSlug, ct), () => tombstones.HandleAsync(RecordKind.Incident, idOrSlug, ct), "incident", idOrSlug))
            .WithName("GetIncident").WithSummary("Gets an incident by id or slug, with its links, targets (by pseudonym) and citations.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);

        group.MapPost("/", async Task<Results<Created<IncidentDetail>, ValidationProblem, ProblemHttpResult>> (
                IncidentInput input, CreateIncidentHandler handler, CancellationToken ct) =>
                ApiResults.Created(await handler.HandleAsync(input, ct), i => $"/api/v1/incidents/{i.Slug}"))
            .WithName("CreateIncident")
            .WithSummary("Creates an incident (a draft unless a status is given). A target's identity is write-only: it is encrypted before anything else and never returned here.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPut("/{idOrSlug}", async Task<Results<Ok<IncidentDetail>, Accepted<IncidentDetail>, ValidationProblem, ProblemHttpResult>> (
                string idOrSlug, IncidentInput input, UpdateIncidentHandler handler, CancellationToken ct) =>
                ApiResults.Updated(await handler.HandleAsync(idOrSlug, input, ct), "incident", idOrSlug))
            .WithName("UpdateIncident").WithSummary("Updates an incident; send the version you read. A published incident's change waits for a reviewer (202).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        v1.MapPost("/targets/{slug}/reveal", async Task<Results<Ok<RevealedIdentity>, ProblemHttpResult>> (
                string slug, RevealTargetIdentityHandler handler, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(slug, "api", ct);
                return result.Outcome switch
                {
                    RevealOutcome.Revealed => TypedResults.Ok(new RevealedIdentity(result.Pseudonym!, result.Identity!)),
                    RevealOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                        detail: "Only readers cleared for RED with the victim-data permission (and, for a do-not-name target, its assigned editors) may see an identity."),
                    RevealOutcome.NoIdentity => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No identity", detail: "No identity is recorded for this target."),
                    RevealOutcome.KeyMissing => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Key missing",
                        detail: "The key that encrypted this identity is not in the target key file."),
                    _ => ApiResults.NotFound("target", slug),
                };
            })
            .WithTags("Incidents").WithName("RevealTargetIdentity")
            .WithSummary("Reveals a target's real identity to a reader cleared for it, and writes the reveal to the audit log.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }
}
