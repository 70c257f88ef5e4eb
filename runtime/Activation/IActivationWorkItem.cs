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
}
