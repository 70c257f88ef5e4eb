using Grid.Silo.Api;
using Grid.Silo.Api.Auth;
using Grid.Silo.Api.Docs;
using Grid.Silo.Api.RateLimits;
using Grid.Silo.Api.V1;
using Grid.Silo.Api.V1.Badges;
using Grid.Silo.Api.V1.Keys;
using Grid.Silo.Api.V1.Probes;
using Grid.Silo.Api.V1.Signals;
using Grid.Silo.Api.V1.Watch;
using Grid.Silo.WebConsole;
using Grid.Silo.Demo;
using Grid.Silo.Feeds;
using Grid.Silo.Health;
using Grid.Silo.Hosting;
using Grid.Silo.Hosting.Cluster;
using Grid.Silo.Metrics;

// The silo is what it is made of: a web host with Grid's defaults, the grain runtime, the
// domain's services, feeds, health and the API.
if (!GridCommandLine.TryNormalize(args, out var arguments, out var usage))
{
    Console.Error.WriteLine(usage);
    return 2;
}

// appsettings.json ships beside the binary; relative paths in arguments stay relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = arguments, ContentRootPath = AppContext.BaseDirectory });
// A cluster silo without mutual TLS (or loopback plaintext) must not start: say what to set.
if (!ClusterTransport.TryResolve(builder.Configuration.GetSection(GridClusterOptions.Section).Get<GridClusterOptions>() ?? new(), out _, out var refusal))
{
    Console.Error.WriteLine(refusal);
    return ClusterTransport.RefusalExitCode;
}

builder.AddGridDefaults();
builder.AddGridDemo();
builder.AddGridOrleans();
builder.AddGridGeography();
builder.AddGridVisibility();
builder.AddGridDetection();
builder.AddGridEvidence();
builder.AddGridFeeds();
builder.AddGridProbing();
builder.AddGridHealth();
builder.AddGridApi();
builder.AddGridApiKeys();
builder.AddGridRateLimits();
builder.AddGridApiDocs();
builder.AddGridMetrics();
builder.AddGridOpenTelemetry();

var app = builder.Build();
app.UseGridApi();
app.UseGridRateLimits();
app.MapGridHealth();
app.MapGridSiloInfo();
app.MapGridConsole();
app.MapGridClusterInfo();
app.MapGridEntities();
app.MapGridRegions();
app.MapGridBadges();
app.MapGridFeeds();
app.MapGridProbes();
app.MapGridSignals();
app.MapGridEvents();
app.MapGridEvidence();
app.MapGridSubscriptions();
app.MapGridKeys();
app.MapGridAlerts();
app.MapGridElections();
app.MapGridWatch();
app.MapGridMetrics();
app.MapGridDashboard();
app.MapGridDemo();
app.MapGridApiDocs();
try
{
    await app.RunAsync();
}
catch (OperationCanceledException)
{
    // SIGTERM while the silo was still starting (waiting for its database, joining its cluster):
    // the start is cancelled, and that is a stop, not a failure.
}

return 0;
