using Grid.Runtime.Activation;
using Grid.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Runtime.Messaging;

/// <summary>Runs calls on this silo's activations, optionally through the wire codec (see <see cref="GridRuntimeOptions.SerializeLocalCalls"/>).</summary>
internal sealed class LocalGrainCallDispatcher(GrainRuntime runtime, GrainCallCodec codec, IOptions<GridRuntimeOptions> options) : IGrainCallDispatcher
{
    private readonly GridRuntimeOptions _options = options.Value;

    public Task<TResult> InvokeAsync<TResult>(GrainCall call)
    {
        try
        {
            return _options.SerializeLocalCalls ? InvokeThroughCodecAsync<TResult>(call) : Run<TResult>(call);
        }
        catch (Exception ex)
        {
            return Task.FromException<TResult>(ex);
        }
    }

    private Task<TResult> Run<TResult>(GrainCall call)
    {
        // Timeouts come from the runtime's call watchdog, not a timer per call.
        var item = new CallWorkItem<TResult>(call);
        runtime.Post(call.Target, item);
        return item.Task;
    }

    private async Task<TResult> InvokeThroughCodecAsync<TResult>(GrainCall call)
    {
        var received = codec.Decode(codec.Encode(call));
        var result = await Run<TResult>(received).ConfigureAwait(false);
        return call.Method.IsVoid ? result : codec.DecodeResult<TResult>(codec.EncodeResult(result));
    }
}
