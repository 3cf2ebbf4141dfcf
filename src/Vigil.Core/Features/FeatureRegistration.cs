using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Features;

/// <summary>
/// Registers every use-case handler of Core: each public, non-abstract class in Vigil.Features whose
/// name ends in "Handler" is added as scoped. Pages, API and CLI inject the same handlers.
/// </summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddVigilFeatures(this IServiceCollection services)
    {
        var handlers = typeof(FeatureRegistration).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }
                && t.Namespace?.StartsWith("Vigil.Features", StringComparison.Ordinal) == true
                && t.Name.EndsWith("Handler", StringComparison.Ordinal));
        foreach (var handler in handlers)
        {
            services.AddScoped(handler);
        }
        services.AddOptions<Protection.ProtectionOptions>().BindConfiguration(Protection.ProtectionOptions.Section);
        services.AddSingleton<Protection.TargetKeyring>();
        services.AddScoped<Incidents.TargetNaming>();
        services.AddSingleton<Matching.NameSearch>();
        // Words vs. actions: every source of action events (supplies now; incidents, measures) is one class.
        var evidence = typeof(FeatureRegistration).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Commitments.IActionEvidence).IsAssignableFrom(t));
        foreach (var provider in evidence)
        {
            services.AddScoped(typeof(Commitments.IActionEvidence), provider);
        }
        services.AddOptions<Watchlists.DigestOptions>().BindConfiguration(Watchlists.DigestOptions.Section);
        services.AddOptions<Webhooks.WebhookOptions>().BindConfiguration(Webhooks.WebhookOptions.Section).ValidateDataAnnotations();
        services.AddOptions<Screening.ScreeningOptions>().BindConfiguration(Screening.ScreeningOptions.Section);
        services.AddOptions<Briefs.BriefOptions>().BindConfiguration(Briefs.BriefOptions.Section).ValidateDataAnnotations();
        return services;
    }
}
