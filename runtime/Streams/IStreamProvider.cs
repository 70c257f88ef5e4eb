namespace Grid.Runtime.Streams;

/// <summary>Gives access to streams by id; grains reach it with <c>GetStreamProvider(StreamProviderNames.Default)</c>.</summary>
public interface IStreamProvider
{
    string Name { get; }

    IAsyncStream<T> GetStream<T>(StreamId id);
}

public static class StreamProviderNames
{
    public const string Default = "Default";
}
