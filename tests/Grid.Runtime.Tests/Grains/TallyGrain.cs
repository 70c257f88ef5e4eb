namespace Grid.Runtime.Tests.Grains;

public interface ITallyGrain : IGrainWithStringKey
{
    Task<int> Add();
}

/// <summary>A counter placed on its first caller's silo, so callers on two silos race to claim it.</summary>
[PreferLocalPlacement]
public sealed class TallyGrain : Grain, ITallyGrain
{
    private int _count;

    public Task<int> Add() => Task.FromResult(++_count);
}
