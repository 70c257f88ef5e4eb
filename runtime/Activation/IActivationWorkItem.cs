namespace Grid.Runtime.Activation;

/// <summary>One turn for an activation: a call, a timer tick, a stream event, or a lifecycle step.</summary>
internal interface IActivationWorkItem
{
    /// <summary>Whether running it resets the idle clock (timer ticks do not, unless asked).</summary>
    bool CountsAsActivity { get; }

    Task ExecuteAsync(GrainActivation activation);

    /// <summary>The activation failed to start: fail this item with the activation's exception.</summary>
    void Fail(Exception exception);

    /// <summary>The activation went away before this item ran: hand it to the successor, or drop it.</summary>
    bool Redirectable { get; }

    /// <summary>When it was created (<see cref="Environment.TickCount64"/>), for the call watchdog.</summary>
    long CreatedAt { get; }

    /// <summary>The caller has waited too long: fail its call now (the turn, if running, goes on).</summary>
    void Expire(TimeSpan waited);
}
