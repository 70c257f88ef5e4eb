using System.Reflection;
using Grid.Runtime.Activation;

namespace Grid.Runtime.Messaging;

/// <summary>
/// The object <see cref="IGrainFactory.GetGrain{TGrain}(string)"/> returns: it implements the grain
/// interface and turns every call into a <see cref="GrainCall"/> for the dispatcher.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private GrainTypeRegistry _registry = null!;
    private IGrainCallDispatcher _dispatcher = null!;

    public GrainId GrainId { get; private set; }

    internal static TGrain Create<TGrain>(GrainId id, GrainTypeRegistry registry, IGrainCallDispatcher dispatcher)
    {
        var proxy = Create<TGrain, GrainProxy>();
        var self = (GrainProxy)(object)proxy!;
        self.GrainId = id;
        self._registry = registry;
        self._dispatcher = dispatcher;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = _registry.MethodFor(targetMethod!);
        return method.Dispatch(_dispatcher, new GrainCall(GrainId, method, args ?? []));
    }

    public override string ToString() => GrainId.ToString();

    public override bool Equals(object? obj) => obj is GrainProxy other && other.GrainId == GrainId;

    public override int GetHashCode() => GrainId.GetHashCode();
}
