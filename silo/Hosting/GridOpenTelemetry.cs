using Grid.Grains.Alerts;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Grid.Silo.Hosting;

/// <summary>
/// OTLP export through OpenTelemetry's hosting package, off unless <c>Grid:Otlp:Endpoint</c> is
/// set. Traces: API requests, outgoing HTTP (webhooks) and grain calls (Orleans' activity
/// sources); metrics: Grid's meters, Orleans', ASP.NET Core's and the .NET runtime's.
/// </summary>
public static class GridOpenTelemetry
{
    /// <summary>Orleans' activity sources for grain calls (GridOrleans turns them on with AddActivityPropagation).</summary>
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static WebApplicationBuilder AddGridOpenTelemetry(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration["Grid:Otlp:Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return builder;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"Grid:Otlp:Endpoint '{endpoint}' is not an absolute URI: set it like http://otel-collector:4317 (gRPC) or http://otel-collector:4318 with Grid:Otlp:Protocol=http/protobuf.");
        }

        var protocol = builder.Configuration["Grid:Otlp:Protocol"] is "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var metricsInterval = builder.Configuration.GetValue("Grid:Otlp:MetricsInterval", TimeSpan.FromSeconds(60));

        // Over http/protobuf an endpoint set in code is the full URL, so each signal gets its own path (OTLP/HTTP: /v1/traces, /v1/metrics).
        Action<OtlpExporterOptions> Exporter(string signal) => o =>
        {
            o.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(uri.ToString().TrimEnd('/') + "/v1/" + signal) : uri;
            o.Protocol = protocol;
        };

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["Grid:Otlp:ServiceName"] ?? "grid-silo"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = RedactWebhookUrl)
                .AddSource(OrleansSources)
                .AddSource(AlertTelemetry.Name)
                .AddOtlpExporter(Exporter("traces")))
            .WithMetrics(metrics => metrics
                .AddMeter("Grid.*", "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddRuntimeInstrumentation()
                .AddOtlpExporter((exporter, reader) =>
                {
                    Exporter("metrics")(exporter);
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)metricsInterval.TotalMilliseconds;
                }));
        return builder;
    }

    /// <summary>A webhook's URL may carry its receiver's token (Slack's and Discord's do, in the path): spans show it redacted.</summary>
    private static void RedactWebhookUrl(System.Diagnostics.Activity activity, HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(WebhookSender.WebhookRequest, out var webhook) && webhook && request.RequestUri is { } url)
        {
            activity.SetTag("url.full", WebhookUrl.Redact(url.OriginalString));
        }
    }
}
