using Microsoft.Extensions.Options;
using Vigil.Features.Webhooks;

namespace Vigil.Web.Infrastructure;

/// <summary>
/// Runs <see cref="WebhookDispatcher"/> in the web server: every few seconds (<see cref="WebhookOptions.PollSeconds"/>)
/// it queues newly published changes for each hook and sends the deliveries that are due. All its state is in the
/// database (each hook's mark, the outbox), so a restart picks up where it stopped and loses nothing.
/// </summary>
internal sealed class WebhookSender(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, ILogger<WebhookSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var dispatcher = scope.ServiceProvider.GetRequiredService<WebhookDispatcher>();
                await dispatcher.ScanAsync(stoppingToken);
                await dispatcher.SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database not migrated yet, or briefly away: the next tick tries again.
                logger.LogWarning(e, "Webhook sender: a round failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class WebhookSenderRegistration
{
    public static IServiceCollection AddWebhookSender(this IServiceCollection services)
    {
        services.AddHttpClient(WebhookDispatcher.HttpClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("Vigil-Webhooks/1"))
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookHttp.CreateHandler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks));
        services.AddScoped<WebhookDispatcher>();
        services.AddHostedService<WebhookSender>();
        return services;
    }
}
