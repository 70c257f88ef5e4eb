namespace Grid.Runtime.Activation;

/// <summary>The first turn of every activation.</summary>
internal sealed class ActivateWorkItem : IActivationWorkItem
{
    public bool CountsAsActivity => true;

    public bool Redirectable => false;

    public long CreatedAt { get; } = Environment.TickCount64;

    public void Expire(TimeSpan waited)
    {
    }

    public Task ExecuteAsync(GrainActivation activation) => activation.ActivateAsync();

    public void Fail(Exception exception)
    {
    }
}

/// <summary>
/// A deactivation queued behind other turns. An idle deactivation is dropped if a call arrived
/// since the collector looked, because the grain is then no longer idle.
/// </summary>
internal sealed class DeactivateWorkItem(DeactivationReason reason, TimeSpan? idleThreshold = null) : IActivationWorkItem
{
    public bool CountsAsActivity => false;

    public bool Redirectable => false;

    public long CreatedAt { get; } = Environment.TickCount64;

    public void Expire(TimeSpan waited)
    {
    }

    public Task ExecuteAsync(GrainActivation activation)
    {
        if (idleThreshold is { } threshold && (activation.IdleFor < threshold || activation.QueueLength > 0 || activation.IsKeptAlive))
        {
            return Task.CompletedTask;
        }

        return activation.DeactivateAsync(reason);
    }

    public void Fail(Exception exception)
    {
    }
}
