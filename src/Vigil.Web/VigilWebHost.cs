using Vigil.Web.Api;
using Vigil.Web.Infrastructure;

namespace Vigil.Web;

/// <summary>Builds the Vigil web application; used by Program.cs and by <c>vigil serve</c>.</summary>
public static class VigilWebHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Pages are found through the application's assembly; when the CLI or a test hosts the app,
            // the entry assembly is not Vigil.Web, so name it.
            ApplicationName = typeof(VigilWebHost).Assembly.GetName().Name,
            // The CLI runs from any folder: static files and pages live beside the assembly.
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);
        builder.AddVigilServices();

        var app = builder.Build();
        app.UseVigilPipeline();
        app.MapVigilEndpoints();
        return app;
    }

    private static void MapVigilEndpoints(this WebApplication app)
    {
        app.MapVigilApi();
        app.MapRazorPages();
        app.MapFeeds();
        app.MapHealthChecks("/health");
        app.MapOpenApi("/openapi/{documentName}.json");
    }
}
