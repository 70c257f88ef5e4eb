using Grid.Runtime.Messaging;

namespace Grid.Runtime.Activation;

/// <summary>
/// A grain call waiting for its turn. It is its own TaskCompletionSource, so a call costs one
/// allocation here. Continuations run asynchronously: the caller never runs on the callee's turn.
/// </summary>
internal sealed class CallWorkItem<TResult>(GrainCall call)
    : TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), IActivationWorkItem
{
    public GrainCall Call { get; } = call;

    public bool CountsAsActivity => true;

    public bool Redirectable => true;

    public long CreatedAt { get; } = Environment.TickCount64;

    public async Task ExecuteAsync(GrainActivation activation)
    {
        if (Task.IsCompleted)
        {
            // Expired while queued: the caller has its TimeoutException; do not run it late.
            return;
        }

        try
        {
            var method = (GrainMethod<TResult>)Call.Method;
            TrySetResult(await method.InvokeAsync(activation.GrainInstance, Call.Arguments).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            TrySetException(ex);
        }
    }

    public void Fail(Exception exception) => TrySetException(exception);

    public void Expire(TimeSpan waited) => TrySetException(new TimeoutException(
        $"{Call} got no answer within {waited.TotalSeconds:0.#} s. The grain may be busy, or two grains may be calling each other (grains are not reentrant)."));
}
