using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Grid.Silo.Api;

/// <summary>
/// Writes the API's hot answers with the serializer code <see cref="ApiJsonContext"/> generates.
/// System.Text.Json runs that code only for options with the default encoder, and ASP.NET Core's
/// options use the relaxed one (non-ASCII text as is), so on its own it takes the slower metadata
/// path. The generated code writes ASCII property names and hands every string to the writer, whose
/// encoder decides the escaping: given a writer with the API's encoder it writes the same bytes
/// (StatusJsonTests holds it to that). Any other type, or options that differ in what the generated
/// code bakes in (naming, ignore rules, converters), goes through <see cref="JsonSerializer"/>.
/// </summary>
internal static class ApiJson
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static byte[] SerializeToUtf8Bytes<T>(T value, JsonSerializerOptions options)
    {
        if (!MatchesGeneratedOptions(options) || ApiJsonContext.Default.GetTypeInfo(typeof(T)) is not JsonTypeInfo<T> { SerializeHandler: { } write })
        {
            return JsonSerializer.SerializeToUtf8Bytes(value, options);
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer;
        if (writer is null || !ReferenceEquals(writer.Options.Encoder, options.Encoder))
        {
            writer = t_writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented });
        }
        else
        {
            writer.Reset(buffer);
        }

        write(writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static bool MatchesGeneratedOptions(JsonSerializerOptions options)
    {
        var generated = ApiJsonContext.Default.Options;
        return options.Converters.Count == 0
            && options.PropertyNamingPolicy == generated.PropertyNamingPolicy
            && options.DictionaryKeyPolicy is null
            && options.DefaultIgnoreCondition == generated.DefaultIgnoreCondition
            && options.IgnoreReadOnlyProperties == generated.IgnoreReadOnlyProperties
            && options.IgnoreReadOnlyFields == generated.IgnoreReadOnlyFields
            && options.IncludeFields == generated.IncludeFields
            && options.ReferenceHandler is null
            && (options.NumberHandling & (System.Text.Json.Serialization.JsonNumberHandling.WriteAsString | System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals)) == 0;
    }
}
