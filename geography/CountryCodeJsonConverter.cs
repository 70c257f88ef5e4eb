using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grid.Geography;

/// <summary>Writes a country code as its two letters.</summary>
public sealed class CountryCodeJsonConverter : JsonConverter<CountryCode>
{
    public override CountryCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CountryCode.TryParse(reader.GetString(), out var code) ? code : throw new JsonException($"'{reader.GetString()}' is not a country code.");

    public override void Write(Utf8JsonWriter writer, CountryCode value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
