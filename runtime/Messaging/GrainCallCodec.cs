using System.Text.Json;
using Grid.Runtime.Activation;
using Grid.Runtime.Serialization;

namespace Grid.Runtime.Messaging;

/// <summary>
/// Turns a <see cref="GrainCall"/> and its result into bytes and back. Arguments are written with
/// their declared parameter types, so the receiving silo can read them without type names on the wire.
/// Wire form: <c>{"target":"country/BY","interface":"Grid.Grains.ICountryGrain","method":"Apply","args":[…]}</c>.
/// </summary>
public sealed class GrainCallCodec(GrainTypeRegistry registry, GridSerializer serializer)
{
    public byte[] Encode(GrainCall call)
    {
        var args = new JsonElement[call.Arguments.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = serializer.ToElement(call.Arguments[i], call.Method.ParameterTypes[i]);
        }

        return JsonSerializer.SerializeToUtf8Bytes(
            new GrainCallEnvelope(call.Target.ToString(), call.Method.Interface.FullName!, call.Method.Name, args),
            serializer.Options);
    }

    public GrainCall Decode(ReadOnlySpan<byte> bytes)
    {
        var envelope = JsonSerializer.Deserialize<GrainCallEnvelope>(bytes, serializer.Options)
            ?? throw new FormatException("A grain call message was empty.");
        var method = registry.MethodNamed(envelope.Interface, envelope.Method);
        if (envelope.Args.Length != method.ParameterTypes.Count)
        {
            throw new FormatException($"{method} takes {method.ParameterTypes.Count} arguments; the message carried {envelope.Args.Length}.");
        }

        var args = new object?[envelope.Args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = serializer.FromElement(envelope.Args[i], method.ParameterTypes[i]);
        }

        return new GrainCall(GrainId.Parse(envelope.Target), method, args);
    }

    public byte[] EncodeResult<TResult>(TResult result) => serializer.Serialize(result, typeof(TResult));

    public TResult DecodeResult<TResult>(ReadOnlySpan<byte> bytes) => (TResult)serializer.Deserialize(bytes, typeof(TResult))!;

    private sealed record GrainCallEnvelope(string Target, string Interface, string Method, JsonElement[] Args);
}
