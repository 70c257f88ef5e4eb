using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grid.Bench.References;

/// <summary>
/// The reference for the API: Kestrel with one route, <c>GET /v1/countries/{cc}</c>, writing a
/// body serialized once up front (the silo's own answer, byte for byte). What the silo spends
/// beyond this is its middleware, the grain call and serialization.
/// </summary>
public sealed class BareKestrelEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareKestrelEndpoint(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BareKestrelEndpoint> StartAsync(byte[] body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/v1/countries/{cc}", (string cc) => Results.Bytes(body, "application/json; charset=utf-8"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new BareKestrelEndpoint(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
