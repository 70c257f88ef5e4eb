namespace Grid.Runtime.Streams;

/// <summary>A stream: a namespace (e.g. <c>anomalies</c>) and a key (e.g. a country code).</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    public static StreamId Create(string streamNamespace, string key) => new(streamNamespace, key);

    public override string ToString() => $"{Namespace}/{Key}";
}
