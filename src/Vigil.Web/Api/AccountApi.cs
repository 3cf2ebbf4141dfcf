using Microsoft.AspNetCore.Http.HttpResults;
using Vigil.Access;
using Vigil.Features.Watchlists;
using Vigil.Features.Webhooks;

namespace Vigil.Web.Api;

/// <summary>
/// A signed-in person's own following, read through their own reader: the watchlist, the inbox (published
/// changes touching what they watch since they marked it read) and their webhooks with each delivery's
/// attempts. Per person, so never in the shared read cache. Changes to them are made on the account pages
/// (forms with antiforgery tokens), like the person's API tokens.
/// </summary>
public static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder v1)
    {
        var account = v1.MapGroup("/account").WithTags("Account");

        account.MapGet("/watchlist", async Task<Results<Ok<IReadOnlyList<WatchView>>, ProblemHttpResult>> (IReaderAccessor readers, WatchlistHandler handler, CancellationToken ct) =>
                readers.Current.AccountId is { } id ? TypedResults.Ok(await handler.HandleAsync(id, ct)) : SignInFirst())
            .WithName("GetWatchlist").WithSummary("Lists what you watch: actors, states, vendors and searches.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        account.MapGet("/inbox", async Task<Results<Ok<InboxResult>, ProblemHttpResult>> (IReaderAccessor readers, InboxHandler handler, bool? all, CancellationToken ct) =>
                readers.Current.AccountId is { } id ? TypedResults.Ok(await handler.HandleAsync(id, all == true, ct)) : SignInFirst())
            .WithName("GetInbox")
            .WithSummary("Lists the published changes touching what you watch since you last marked your inbox read (all=true: the latest, read or not), as you may see them.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        account.MapGet("/webhooks", async Task<Results<Ok<IReadOnlyList<WebhookView>>, ProblemHttpResult>> (IReaderAccessor readers, WebhooksHandler handler, CancellationToken ct) =>
                readers.Current.AccountId is { } id ? TypedResults.Ok(await handler.ListAsync(id, ct)) : SignInFirst())
            .WithName("ListWebhooks").WithSummary("Lists your webhooks (never their secrets) with how many deliveries are pending, delivered and failed.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        account.MapGet("/webhooks/{id:long}/deliveries", async Task<Results<Ok<IReadOnlyList<DeliveryView>>, ProblemHttpResult>> (
                long id, IReaderAccessor readers, WebhooksHandler handler, CancellationToken ct) =>
                readers.Current.AccountId is not { } accountId ? SignInFirst()
                : await handler.DeliveriesAsync(accountId, id, ct) is { } deliveries ? TypedResults.Ok(deliveries)
                : ApiResults.NotFound("webhook", id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .WithName("ListWebhookDeliveries").WithSummary("Lists the latest deliveries of one of your webhooks: payload, attempts, last status and error, next attempt.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static ProblemHttpResult SignInFirst() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Sign in, or send your API token, to read your own watchlist, inbox and webhooks.");
}
