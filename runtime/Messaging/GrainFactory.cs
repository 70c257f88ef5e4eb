using System.Globalization;
using Grid.Runtime.Activation;

namespace Grid.Runtime.Messaging;

/// <summary>Hands out grain references; nothing activates until the first call.</summary>
internal sealed class GrainFactory(GrainTypeRegistry registry, IGrainCallDispatcher dispatcher) : IGrainFactory
{
    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Reference<TGrain>(key);
    }

    public TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey =>
        Reference<TGrain>(key.ToString(CultureInfo.InvariantCulture));

    private TGrain Reference<TGrain>(string key) =>
        GrainProxy.Create<TGrain>(new GrainId(registry.ClassFor(typeof(TGrain)).Name, key), registry, dispatcher);
}
