using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grid.Cli.Tests;

/// <summary>
/// A real HTTP server (Kestrel) on loopback, standing in for a mirror of the RIRs' statistics
/// files (under <see cref="Url"/>) and of DB-IP's City Lite (under <see cref="RegionsUrl"/>): each path answers with a file, a status code, or a body cut off half-way. It binds port 0,
/// so the kernel picks a port that is free at bind time and no other process can race it.
/// </summary>
internal sealed class StatisticsMirror : IAsyncDisposable
{
    private readonly Dictionary<string, Func<HttpContext, Task>> _answers = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private StatisticsMirror(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Where the region files are served: the same answers, by file name, under /regions/.</summary>
    public Uri RegionsUrl => new(Url, "../regions/");

    /// <summary>Paths requested so far, in order.</summary>
    public List<string> Requests { get; } = [];

    public static async Task<StatisticsMirror> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        StatisticsMirror? mirror = null;
        app.MapGet("/rir/{name}", (HttpContext context, string name) => mirror!.AnswerAsync(context, name));
        app.MapGet("/regions/{name}", (HttpContext context, string name) => mirror!.AnswerAsync(context, name));
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        mirror = new StatisticsMirror(app, new Uri($"{bound}/rir/"));
        return mirror;
    }

    public void Serve(string name, string file) => _answers[name] = async context =>
    {
        var bytes = await File.ReadAllBytesAsync(file);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    };

    public void Fail(string name, HttpStatusCode status) => _answers[name] = context =>
    {
        context.Response.StatusCode = (int)status;
        return Task.CompletedTask;
    };

    /// <summary>Promises the whole file, sends its first half, then drops the connection.</summary>
    public void BreakOffHalfWay(string name, string file) => _answers[name] = async context =>
    {
        var bytes = await File.ReadAllBytesAsync(file);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        await context.Response.Body.FlushAsync();
        context.Abort();
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task AnswerAsync(HttpContext context, string name)
    {
        lock (Requests)
        {
            Requests.Add(name);
        }

        if (_answers.TryGetValue(name, out var answer))
        {
            return answer(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
