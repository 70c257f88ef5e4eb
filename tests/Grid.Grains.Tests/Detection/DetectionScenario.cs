using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Signals;

namespace Grid.Grains.Tests.Detection;

/// <summary>
/// One entity's signals fed minute by minute on a historical clock, through the real detector,
/// with IODA's default thresholds unless a test changes them.
/// </summary>
internal sealed class DetectionScenario
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, SignalSeries> _series = new(StringComparer.Ordinal);
    private readonly EntityDetection _detection;

    public DetectionScenario(DateTimeOffset start, DetectionOptions? options = null, Func<DateTimeOffset, bool>? electionWatch = null)
    {
        Now = start;
        Options = options ?? new DetectionOptions();
        _detection = new EntityDetection(Options, Minute);
        ElectionWatch = electionWatch ?? (_ => false);
    }

    public DetectionOptions Options { get; }

    public Func<DateTimeOffset, bool> ElectionWatch { get; }

    public DateTimeOffset Now { get; private set; }

    public EntityDetectionState State { get; } = new();

    public List<AnomalyEvent> Changes { get; } = [];

    public IEnumerable<OutageEvent> Events => State.Open is null ? State.Closed : [.. State.Closed, State.Open];

    /// <summary>Holds each signal at its value for <paramref name="duration"/>, one record per minute.</summary>
    public DetectionScenario Hold(TimeSpan duration, params (string Signal, long Value)[] values)
    {
        for (var end = Now + duration; Now < end; Now += Minute)
        {
            foreach (var (signal, value) in values)
            {
                Record(signal, Now, value);
            }

            Advance(Now);
        }

        return this;
    }

    private void Record(string signal, DateTimeOffset at, long value)
    {
        if (!_series.TryGetValue(signal, out var series))
        {
            _series[signal] = series = new SignalSeries(Minute, TimeSpan.FromDays(8));
        }

        series.Record(at, value);
    }

    private void Advance(DateTimeOffset at)
    {
        var readers = _series.ToDictionary(s => s.Key, s => (Func<DateTimeOffset, long?>)s.Value.ValueAt, StringComparer.Ordinal);
        Changes.AddRange(_detection.AdvanceTo(State, new EntityIdentity(EntityKey.Parse("EG"), "EG"), at, readers, ElectionWatch));
    }
}
