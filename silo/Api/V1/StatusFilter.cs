using Grid.Grains.Detection;
using Grid.Grains.Entities;

namespace Grid.Silo.Api.V1;

/// <summary><c>level</c> (a comma list) and <c>signal</c> of <c>GET /v1/countries</c>: which statuses a poller wants.</summary>
internal sealed record StatusFilter(HashSet<DetectionLevel>? Levels, string? Signal)
{
    private static readonly string[] KnownSignals = [SignalNames.Bgp, SignalNames.Bgp6, SignalNames.Probes];

    public static bool TryParse(string? level, string? signal, out StatusFilter filter, out IResult? problem)
    {
        filter = new StatusFilter(null, null);
        problem = null;
        if (signal is not null && !KnownSignals.Contains(signal, StringComparer.Ordinal))
        {
            problem = ApiProblems.BadRequest("Bad signal", $"signal '{signal}' is unknown: use bgp, bgp6 or probes.");
            return false;
        }

        if (signal is not null && level is null)
        {
            problem = ApiProblems.BadRequest("signal without level", "signal names whose level to test: add level, e.g. ?signal=bgp&level=critical.");
            return false;
        }

        if (level is null)
        {
            return true;
        }

        var levels = new HashSet<DetectionLevel>();
        foreach (var name in level.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!DetectionLevelExtensions.TryParseLevel(name, out var parsed))
            {
                levels.Clear();
                break;
            }

            levels.Add(parsed);
        }

        if (levels.Count == 0)
        {
            problem = ApiProblems.BadRequest("Bad level", $"level '{level}' is not a comma list of normal, warning, critical and unknown.");
            return false;
        }

        filter = new StatusFilter(levels, signal);
        return true;
    }

    public bool Keeps(EntityStatus status)
    {
        if (Levels is null)
        {
            return true;
        }

        var level = Signal is null ? status.Level : status.Signals.TryGetValue(Signal, out var s) ? s.Level : DetectionLevel.Unknown;
        return Levels.Contains(level);
    }
}
