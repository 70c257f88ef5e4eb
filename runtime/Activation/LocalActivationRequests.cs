namespace Grid.Runtime.Activation;

/// <summary>On one silo, activating is posting a turn that does nothing.</summary>
internal sealed class LocalActivationRequests(GrainRuntime runtime) : IActivationRequests
{
    public Task EnsureActiveAsync(GrainId id, CancellationToken cancellationToken)
    {
        var item = new EnsureActiveWorkItem();
        runtime.Post(id, item);
        return item.Done.WaitAsync(cancellationToken);
    }

    /// <summary>A turn with no work: running it proves the activation started.</summary>
    private sealed class EnsureActiveWorkItem : IActivationWorkItem
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Done => _done.Task;

        public bool CountsAsActivity => true;

        public bool Redirectable => true;

        public long CreatedAt { get; } = Environment.TickCount64;

        public Task ExecuteAsync(GrainActivation activation)
        {
            _done.TrySetResult();
            return Task.CompletedTask;
        }

        public void Fail(Exception exception) => _done.TrySetException(exception);

        public void Expire(TimeSpan waited) => _done.TrySetException(new TimeoutException($"Activation did not start within {waited}."));
    }
}
