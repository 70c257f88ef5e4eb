namespace Grid.Grains.Detection;

/// <summary>What one signal's detector persists: its history runs and where its level stands.</summary>
public sealed class SignalDetectorState
{
    public List<BaselineRun> History { get; set; } = [];

    public string Level { get; set; } = DetectionLevel.Unknown;

    /// <summary>The level the raw comparison asks for while it has not held long enough.</summary>
    public string? Pending { get; set; }

    public DateTimeOffset? PendingSince { get; set; }

    /// <summary>Drop% × minutes accumulated while a drop was pending: it belongs to the event if one opens.</summary>
    public double PendingScore { get; set; }

    /// <summary>When the current run of outliers began (they enter the history after one window).</summary>
    public DateTimeOffset? OutlierSince { get; set; }

    public SignalReading? Last { get; set; }
}
