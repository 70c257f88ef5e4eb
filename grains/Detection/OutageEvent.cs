namespace Grid.Grains.Detection;

/// <summary>
/// An outage of one entity: it opens at the first non-normal level and closes at normal. Signals
/// that drop while it is open join it (events of several signals merge). <see cref="Score"/> is
/// IODA's: the sum over evaluation steps of drop% × minutes, taking the deepest signal's drop.
/// </summary>
[GenerateSerializer, Alias("grid.OutageEvent")]
public sealed class OutageEvent
{
    [Id(0)]
    public string Id { get; set; } = "";

    [Id(1)]
    public string Entity { get; set; } = "";

    [Id(2)]
    public Entities.EntityKind Kind { get; set; }

    /// <summary>The entity's country (an AS's registration country); null when unknown.</summary>
    [Id(3)]
    public string? Country { get; set; }

    [Id(4)]
    public DateTimeOffset Start { get; set; }

    /// <summary>The entity's name when it opened ("Vitebsk Region", "BELTELECOM-AS"); null when unknown.</summary>
    [Id(12)]
    public string? Name { get; set; }

    /// <summary>When the level came back to normal; null while the event is open.</summary>
    [Id(5)]
    public DateTimeOffset? End { get; set; }

    /// <summary>The last step evaluated while open, so an open event has a duration too.</summary>
    [Id(6)]
    public DateTimeOffset LastEvaluated { get; set; }

    /// <summary>The worst level reached.</summary>
    [Id(7)]
    public DetectionLevel Level { get; set; } = DetectionLevel.Warning;

    [Id(8)]
    public double Score { get; set; }

    /// <summary>The deepest drop seen, as a fraction of the baseline (IODA's CODF <c>fraction</c>).</summary>
    [Id(9)]
    public double Fraction { get; set; }

    /// <summary>Each involved signal's own drop% × minutes; the largest names the event's datasource.</summary>
    [Id(10)]
    public Dictionary<string, double> SignalScores { get; set; } = new(StringComparer.Ordinal);

    /// <summary>True when the event began inside an election watch window of the entity's country.</summary>
    [Id(11)]
    public bool Election { get; set; }

    /// <summary>The kinds of the watch calendar's entries (election, exam, protest…) whose window held when the event began; null outside any.</summary>
    [Id(40)]
    public string[]? Watch { get; set; }

    /// <summary>The one outside probe sender (an ingest key's id and name) this event's rise rests on alone, or null.</summary>
    [Id(13)]
    public string? SingleSource { get; set; }

    /// <summary>
    /// How the disruption looks (<see cref="EventMechanism"/>): told at every step while open, and
    /// kept from the deepest step (the first of equals), so the tail of a recovery (BGP back before the
    /// hosts answer, as deep a probe drop as before) does not relabel an event whose routes were withdrawn.
    /// </summary>
    [Id(14)]
    public string? Mechanism { get; set; }

    /// <summary>The drop% of the step that told <see cref="Mechanism"/>.</summary>
    [Id(15)]
    public double MechanismDepth { get; set; }

    public bool IsOpen => End is null;

    public TimeSpan Duration => (End ?? LastEvaluated) - Start;

    public string DataSource => SignalScores.Count == 0 ? "" : SignalScores.MaxBy(s => s.Value).Key;

    /// <summary>
    /// A copy for anyone outside the owning grain: in-process calls pass references, and the owner
    /// keeps scoring its open event while the API or the event log serializes what it was given.
    /// </summary>
    public OutageEvent Snapshot()
    {
        var copy = (OutageEvent)MemberwiseClone();
        copy.SignalScores = new Dictionary<string, double>(SignalScores, StringComparer.Ordinal);
        return copy;
    }
}
