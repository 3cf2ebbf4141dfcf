using Vigil.Web;
using Vigil.Web.Infrastructure;

var app = VigilWebHost.Build(args);
await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>The web application's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
