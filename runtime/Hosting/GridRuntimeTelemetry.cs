using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Grid.Runtime.Hosting;

/// <summary>
/// The runtime's traces and metrics: a span per grain call on the silo that runs it (source
/// <c>Grid.Runtime</c>) and call counters (meter <c>Grid.Runtime</c>). Without a listener neither costs more than a check.
/// </summary>
public static class GridRuntimeTelemetry
{
    public const string Name = "Grid.Runtime";

    public static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>("grid.runtime.calls", description: "Grain calls run on this silo, by grain type; rate() gives calls per second.");

    internal static readonly Counter<long> FailedCalls = Meter.CreateCounter<long>("grid.runtime.calls.failed", description: "Grain calls that ended with an exception, by grain type.");
}
