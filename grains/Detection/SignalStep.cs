namespace Grid.Grains.Detection;

/// <summary>
/// The outcome of one evaluation step for one signal. When the level changed, <see cref="Since"/>
/// is when the change really began (the first step of the drop or recovery, before the minimum
/// duration or hysteresis confirmed it), and <see cref="Backlog"/> the drop% × minutes of the steps
/// that waited for confirmation.
/// </summary>
public sealed record SignalStep(SignalReading Reading, DetectionLevel PreviousLevel, bool Changed, DateTimeOffset Since, double Backlog);
