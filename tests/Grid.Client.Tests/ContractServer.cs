using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grid.Client.Tests;

/// <summary>
/// A real Kestrel on a loopback port answering with the parts of the API contract that the client
/// must follow whatever the silo's version (Link rel=next pages, ETag and 304, 429 with
/// Retry-After), so each rule is tested on its own wire exchange. It records every request.
/// </summary>
internal sealed class ContractServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ContractServer(WebApplication app) => _app = app;

    public ConcurrentQueue<HttpRequestRecord> Requests { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<ContractServer> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ContractServer(app);
        app.Use(async (context, next) =>
        {
            server.Requests.Enqueue(new HttpRequestRecord(context.Request.Path + context.Request.QueryString, context.Request.Headers.IfNoneMatch.ToString(), context.Request.Headers.Authorization.ToString()));
            await next(context);
        });
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record HttpRequestRecord(string PathAndQuery, string IfNoneMatch, string Authorization);

internal static class ContractResponses
{
    public static IResult Problem(int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status, type: $"https://grid.example/problems/{status}");
}
