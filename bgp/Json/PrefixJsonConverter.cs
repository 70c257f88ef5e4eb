using System.Text.Json;
using System.Text.Json.Serialization;
using Grid.Bgp.Model;

namespace Grid.Bgp.Json;

/// <summary>Writes a prefix as its text form ("192.0.2.0/24"), the way every API and file shows it.</summary>
public sealed class PrefixJsonConverter : JsonConverter<Prefix>
{
    public override Prefix Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Prefix.TryParse(reader.GetString(), out var prefix) ? prefix : throw new JsonException($"'{reader.GetString()}' is not a prefix.");

    public override void Write(Utf8JsonWriter writer, Prefix value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
