namespace Grid.Grains.Detection;

/// <summary>What one signal's detector persists: its history runs and where its level stands.</summary>
[GenerateSerializer, Alias("grid.SignalDetectorState")]
public sealed class SignalDetectorState
{
    [Id(0)]
    public List<BaselineRun> History { get; set; } = [];

    [Id(1)]
    public DetectionLevel Level { get; set; } = DetectionLevel.Unknown;

    /// <summary>The level the raw comparison asks for while it has not held long enough.</summary>
    [Id(2)]
    public DetectionLevel? Pending { get; set; }

    [Id(3)]
    public DateTimeOffset? PendingSince { get; set; }

    /// <summary>Drop% × minutes accumulated while a drop was pending: it belongs to the event if one opens.</summary>
    [Id(4)]
    public double PendingScore { get; set; }

    /// <summary>When the current run of outliers began (they enter the history after one window).</summary>
    [Id(5)]
    public DateTimeOffset? OutlierSince { get; set; }

    [Id(6)]
    public SignalReading? Last { get; set; }
}
