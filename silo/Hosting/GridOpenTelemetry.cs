using Grid.Grains.Alerts;
using Grid.Runtime.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Grid.Silo.Hosting;

/// <summary>
/// OTLP export of traces (API requests, grain calls, alert deliveries) and metrics (Grid's meters
/// and .NET's runtime meter), off unless <c>Grid:Otlp:Endpoint</c> is set. Built with
/// <c>Sdk.Create…ProviderBuilder()</c> because OpenTelemetry.Extensions.Hosting is not served here.
/// </summary>
public static class GridOpenTelemetry
{
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
        var resource = ResourceBuilder.CreateDefault().AddService(builder.Configuration["Grid:Otlp:ServiceName"] ?? "grid-silo");
        var metricsInterval = builder.Configuration.GetValue("Grid:Otlp:MetricsInterval", TimeSpan.FromSeconds(60));

        // Over http/protobuf an endpoint set in code is the full URL, so each signal gets its own path (OTLP/HTTP: /v1/traces, /v1/metrics).
        Action<OtlpExporterOptions> Exporter(string signal) => o =>
        {
            o.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(uri.ToString().TrimEnd('/') + "/v1/" + signal) : uri;
            o.Protocol = protocol;
        };

        var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource)
            .AddSource("Microsoft.AspNetCore", GridRuntimeTelemetry.Name, AlertTelemetry.Name)
            .AddOtlpExporter(Exporter("traces"))
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource)
            .AddMeter("Grid.*", "System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddOtlpExporter((exporter, reader) =>
            {
                Exporter("metrics")(exporter);
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)metricsInterval.TotalMilliseconds;
            })
            .Build();
        // The host disposes these singletons at shutdown, which flushes what is buffered.
        builder.Services.AddSingleton(tracing);
        builder.Services.AddSingleton<IStartupFilter, RequestSpanTags>();
        builder.Services.AddSingleton(metrics);
        return builder;
    }
}
