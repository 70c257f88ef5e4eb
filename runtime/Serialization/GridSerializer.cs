using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Grid.Runtime.Serialization;

/// <summary>
/// The one JSON configuration for everything that leaves a grain: call arguments and results,
/// persistent state, and stream events. Grain assemblies add their source-generated
/// <see cref="JsonSerializerContext"/>s (fast, trimming-safe); other types fall back to reflection.
/// </summary>
public sealed class GridSerializer
{
    public GridSerializer(IEnumerable<IJsonTypeInfoResolver> contexts)
    {
        Options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. contexts, new DefaultJsonTypeInfoResolver()]),
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        Options.MakeReadOnly();
    }

    public JsonSerializerOptions Options { get; }

    public byte[] Serialize(object? value, Type type) => JsonSerializer.SerializeToUtf8Bytes(value, type, Options);

    public object? Deserialize(ReadOnlySpan<byte> json, Type type) => JsonSerializer.Deserialize(json, type, Options);

    public JsonElement ToElement(object? value, Type type) => JsonSerializer.SerializeToElement(value, type, Options);

    public object? FromElement(JsonElement element, Type type) => element.Deserialize(type, Options);
}
