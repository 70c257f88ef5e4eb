using Grid.Silo.Api;
using Grid.Silo.Health;
using Grid.Silo.Hosting;

// The silo is what it is made of: a web host with Grid's defaults, the grain runtime, health and the API.
var builder = WebApplication.CreateBuilder(args);
builder.AddGridDefaults();
builder.AddGridGrainRuntime();
builder.AddGridHealth();

var app = builder.Build();
app.MapGridHealth();
app.MapGridSiloInfo();
app.Run();
