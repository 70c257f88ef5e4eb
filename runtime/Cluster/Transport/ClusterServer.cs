using System.Net;
using System.Security.Cryptography;
using System.Text;
using Grid.Runtime.Activation;
using Grid.Runtime.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Runtime.Cluster.Transport;

/// <summary>
/// The silo's internal endpoint: a Kestrel server of its own on <see cref="ClusterOptions.Listen"/>,
/// HTTP/2 only, separate from the API's server. Keeping it apart means the API keeps its own
/// URLs untouched and the cluster routes exist on no other port. Calls that arrive here run on
/// this silo only; they are never forwarded again, so a disagreement about owners cannot loop.
/// </summary>
internal sealed partial class ClusterServer(
    IOptions<ClusterOptions> options,
    GrainRuntime runtime,
    LocalGrainCallDispatcher local,
    GrainCallCodec codec,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ClusterOptions _options = options.Value;
    private readonly byte[]? _secret = string.IsNullOrEmpty(options.Value.Secret) ? null : Encoding.UTF8.GetBytes(options.Value.Secret);
    private readonly LocalActivationRequests _activations = new(runtime);
    private readonly ILogger _logger = loggerFactory.CreateLogger<ClusterServer>();
    private WebApplication? _app;

    /// <summary>The port actually bound (useful when <see cref="ClusterOptions.Listen"/> names port 0).</summary>
    public int Port { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var listen = new Uri(_options.Listen);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            // Grain calls may carry thousands of route events in one message.
            kestrel.Limits.MaxRequestBodySize = 256L * 1024 * 1024;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            void Http2Only(ListenOptions l) => l.Protocols = HttpProtocols.Http2;
            if (IPAddress.TryParse(listen.Host.Trim('[', ']'), out var address))
            {
                kestrel.Listen(address, listen.Port, Http2Only);
            }
            else
            {
                kestrel.ListenAnyIP(listen.Port, Http2Only);
            }
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        Port = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses
            .Select(a => new Uri(a.Replace("[::]", "localhost", StringComparison.Ordinal)).Port).FirstOrDefault() ?? listen.Port;
        LogListening(_logger, _options.Listen);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || request.Path.Value is not (ClusterWire.CallsPath or ClusterWire.ActivatePath))
        {
            await ProblemAsync(context, StatusCodes.Status404NotFound, new ClusterProblem(ClusterWire.BadRequest, Message: $"No cluster route {request.Method} {request.Path}.")).ConfigureAwait(false);
            return;
        }

        if (_secret is not null && !SecretMatches(request.Headers[ClusterWire.SecretHeader].ToString()))
        {
            // Which header was wrong is said; its value is not.
            await ProblemAsync(context, StatusCodes.Status401Unauthorized, new ClusterProblem(ClusterWire.Unauthorized, Message: $"Missing or wrong {ClusterWire.SecretHeader}.")).ConfigureAwait(false);
            return;
        }

        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }

        Func<Task<byte[]>> run;
        try
        {
            run = request.Path.Value == ClusterWire.CallsPath ? CallOf(body) : ActivationOf(body, context.RequestAborted);
        }
        catch (Exception ex) when (ex is FormatException or KeyNotFoundException or System.Text.Json.JsonException)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, new ClusterProblem(ClusterWire.BadRequest, Message: ex.Message)).ConfigureAwait(false);
            return;
        }

        byte[] result;
        try
        {
            result = await run().ConfigureAwait(false);
        }
        catch (GrainOwnedElsewhereException ex)
        {
            await ProblemAsync(context, StatusCodes.Status409Conflict, new ClusterProblem(ClusterWire.NotOwner, Owner: ex.OwnerSiloId)).ConfigureAwait(false);
            return;
        }
        catch (SiloUnavailableException ex)
        {
            // Raised only by this silo refusing the work (nested calls' failures arrive wrapped, see CallWorkItem).
            await ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, new ClusterProblem(ClusterWire.ShuttingDown, Message: ex.Message)).ConfigureAwait(false);
            return;
        }
        catch (Exception ex)
        {
            await ProblemAsync(context, StatusCodes.Status500InternalServerError, new ClusterProblem(ClusterWire.GrainException, Type: ex.GetType().FullName, Message: ex.Message)).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(result, context.RequestAborted).ConfigureAwait(false);
    }

    private Func<Task<byte[]>> CallOf(byte[] body)
    {
        var call = codec.Decode(body);
        return () => call.Method.InvokeEncodedAsync(local, call, codec);
    }

    private Func<Task<byte[]>> ActivationOf(byte[] body, CancellationToken cancellationToken)
    {
        var id = GrainId.Parse(Encoding.UTF8.GetString(body));
        runtime.Registry.ClassNamed(id.Type);
        return async () =>
        {
            await _activations.EnsureActiveAsync(id, cancellationToken).ConfigureAwait(false);
            return [];
        };
    }

    private bool SecretMatches(string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _secret);

    private static Task ProblemAsync(HttpContext context, int status, ClusterProblem problem)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(problem, ClusterWireJson.Options, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster endpoint listening on {Listen} (HTTP/2 cleartext)")]
    private static partial void LogListening(ILogger logger, string listen);
}
