namespace Grid.Runtime;

/// <summary>
/// Activate this grain on the silo of its first caller instead of the silo its key hashes to
/// (Orleans' PreferLocalPlacement). For grains that hold only in-memory state rebuilt by the
/// feed that calls them, such as prefix shards: the hot path stays inside one process. In a
/// cluster such a grain is never adopted by another silo after its silo dies; its caller
/// activates it afresh. On a single silo the attribute changes nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PreferLocalPlacementAttribute : Attribute;
