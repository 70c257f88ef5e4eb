using Grid.Silo.Api;
using Grid.Silo.Api.V1;
using Grid.Silo.Feeds;
using Grid.Silo.Health;
using Grid.Silo.Hosting;

// The silo is what it is made of: a web host with Grid's defaults, the grain runtime, the
// domain's services, feeds, health and the API.
var builder = WebApplication.CreateBuilder(args);
builder.AddGridDefaults();
builder.AddGridGrainRuntime();
builder.AddGridGeography();
builder.AddGridVisibility();
builder.AddGridFeeds();
builder.AddGridHealth();
builder.AddGridApi();

var app = builder.Build();
app.UseGridApi();
app.MapGridHealth();
app.MapGridSiloInfo();
app.MapGridEntities();
app.MapGridFeeds();
app.Run();
