using Grid.Runtime.Timers;

namespace Grid.Runtime.Tests.Grains;

public interface ITickerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period);

    Task<int> Ticks();

    Task<int> OverlappingTurns();
}

/// <summary>Counts timer ticks, and checks that ticks never overlap calls.</summary>
public sealed class TickerGrain : Grain, ITickerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private int _inTurn;
    private int _overlaps;

    public Task Start(TimeSpan period)
    {
        _timer?.Dispose();
        _timer = RegisterGrainTimer(OnTickAsync, period, period);
        return Task.CompletedTask;
    }

    public async Task<int> Ticks()
    {
        await Enter();
        return _ticks;
    }

    public Task<int> OverlappingTurns() => Task.FromResult(_overlaps);

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        await Enter();
        _ticks++;
    }

    private async Task Enter()
    {
        if (Interlocked.Increment(ref _inTurn) > 1)
        {
            _overlaps++;
        }

        await Task.Delay(1);
        Interlocked.Decrement(ref _inTurn);
    }
}
