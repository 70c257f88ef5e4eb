namespace Grid.Runtime;

/// <summary>
/// Marks a grain method that may run twice without harm (a read, or a write of the same value).
/// In a cluster, a call whose silo failed while the call was on its way may or may not have run;
/// only calls to such methods are then sent again (to the grain's next owner). Others fail with
/// <see cref="SiloUnavailableException"/>, as in Orleans, so no call ever applies twice.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class IdempotentAttribute : Attribute;
