using System.Diagnostics;
using Grid.Runtime.Hosting;
using Grid.Runtime.Messaging;

namespace Grid.Runtime.Activation;

/// <summary>
/// A grain call waiting for its turn. It is its own TaskCompletionSource, so a call costs one
/// allocation here. Continuations run asynchronously: the caller never runs on the callee's turn.
/// </summary>
internal sealed class CallWorkItem<TResult>(GrainCall call)
    : TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), IActivationWorkItem
{
    // The caller's trace, so the call's span joins it although it runs on the activation's pump.
    private readonly ActivityContext _parent = Activity.Current?.Context ?? default;

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

        var grainType = new KeyValuePair<string, object?>("grain_type", Call.Target.Type);
        GridRuntimeTelemetry.Calls.Add(1, grainType);
        using var span = GridRuntimeTelemetry.Source.StartActivity(Call.Method.ToString(), ActivityKind.Server, _parent);
        span?.SetTag("grain.id", Call.Target.ToString());
        try
        {
            var method = (GrainMethod<TResult>)Call.Method;
            TrySetResult(await method.InvokeAsync(activation.GrainInstance, Call.Arguments).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            GridRuntimeTelemetry.FailedCalls.Add(1, grainType);
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            TrySetException(ex is SiloUnavailableException or GrainOwnedElsewhereException ? new NestedCallFailedException(Call, ex) : ex);
        }
    }

    public void Fail(Exception exception) => TrySetException(exception);

    public void Expire(TimeSpan waited) => TrySetException(new TimeoutException(
        $"{Call} got no answer within {waited.TotalSeconds:0.#} s. The grain may be busy, or two grains may be calling each other (grains are not reentrant)."));
}
