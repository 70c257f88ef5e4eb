using Grid.Runtime.Cluster.Transport;
using Grid.Runtime.Messaging;

namespace Grid.Runtime.Cluster.Placement;

/// <summary>Runs a grain call on this silo when it owns the grain, and forwards it to the owner otherwise.</summary>
internal sealed class ClusterGrainCallDispatcher(ClusterRouter router, LocalGrainCallDispatcher local, GrainCallCodec codec) : IGrainCallDispatcher
{
    public Task<TResult> InvokeAsync<TResult>(GrainCall call) =>
        router.RouteAsync(
            call.Target,
            () => local.InvokeAsync<TResult>(call),
            ClusterWire.CallsPath,
            () => codec.Encode(call),
            bytes => codec.DecodeResult<TResult>(bytes),
            call.Method.IsIdempotent);
}
