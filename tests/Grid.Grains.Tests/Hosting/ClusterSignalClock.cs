using Grid.Grains.Detection;

namespace Grid.Grains.Tests.Hosting;

/// <summary>
/// Every live silo's <see cref="SignalClock"/>: each silo keeps its own, and a test that moves
/// event time moves it wherever the grain it judges lives (or will live after a move).
/// </summary>
internal sealed class ClusterSignalClock(Func<IEnumerable<SignalClock>> clocks)
{
    public void Observe(DateTimeOffset at)
    {
        foreach (var clock in clocks())
        {
            clock.Observe(at);
        }
    }
}
