using Vigil.Data;
using Vigil.Features;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Infrastructure;

/// <summary>The web tier's services. Stateless: everything durable lives in the database.</summary>
public static class ServiceRegistration
{
    public static WebApplicationBuilder AddVigilServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddVigilDatabase();
        services.AddVigilFeatures();
        services.AddVigilSecurity(builder.Configuration);
        services.AddRazorPages();
        Caching.PublicReadCacheRegistration.AddPublicReadCache(services);
        services.AddWebhookSender();
        // Names come in many scripts (Ιντελέξα, 以色列): write them as text, not as numeric entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddVigilHttpLimits();
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Vigil API";
            doc.Info.Version = "v1";
            doc.Info.Description = "The Vigil knowledge base of the commercial spyware market: actors, products, relationships, sources and citations.";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddDbContextCheck<VigilDb>("database");
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower)));
        return builder;
    }
}
