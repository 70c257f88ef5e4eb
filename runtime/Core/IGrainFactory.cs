namespace Grid.Runtime;

/// <summary>Returns references (proxies) to grains. A reference is cheap; the grain activates on its first call.</summary>
public interface IGrainFactory
{
    TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey;

    TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey;
}
