namespace Grid.Runtime.State;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: the runtime
/// supplies it, bound to this grain and to the named storage provider, and reads it before activation.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string storageName = GrainStorageNames.Default) : Attribute
{
    public string StateName { get; } = stateName;

    public string StorageName { get; } = storageName;
}
