using Grid.Grains.Elections;
using Grid.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Detection;

/// <summary>What entity grains need for detection, in one registration: thresholds, the election window and the silo's signal clock.</summary>
public sealed class DetectionServices(IOptions<DetectionOptions> detection, IOptions<ElectionOptions> elections, SignalClock clock, SiloActivations activations, ElectionCalendarView calendar, Entities.EntityStatusBoard board)
{
    public DetectionOptions Options => detection.Value;

    public ElectionOptions Elections => elections.Value;

    public SignalClock Clock => clock;

    /// <summary>This silo's copy of the election calendar.</summary>
    public ElectionCalendarView Calendar => calendar;

    /// <summary>The entity grains active on this silo, for its /metrics.</summary>
    public SiloActivations Activations => activations;

    /// <summary>The versions of the entities' statuses held on this silo, for the API's reads.</summary>
    public Entities.EntityStatusBoard Board => board;
}
