namespace Grid.Runtime.Activation;

/// <summary>
/// The activation whose turn is running on this logical flow, if any. Streams use it so that a
/// subscription made inside a grain delivers as that grain's turns.
/// </summary>
internal static class RuntimeContext
{
    private static readonly AsyncLocal<GrainActivation?> CurrentActivation = new();

    public static GrainActivation? Current
    {
        get => CurrentActivation.Value;
        set => CurrentActivation.Value = value;
    }
}
