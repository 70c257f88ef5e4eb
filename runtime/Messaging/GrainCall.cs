namespace Grid.Runtime.Messaging;

/// <summary>
/// One grain call as a message: the target grain, the interface method, and its arguments.
/// Every call goes through this shape, in-process too, so a cluster transport can carry it to
/// another silo without any change to grains (see <see cref="GrainCallCodec"/>).
/// </summary>
public sealed record GrainCall(GrainId Target, GrainMethod Method, object?[] Arguments)
{
    public override string ToString() => $"{Method} on {Target}";
}
