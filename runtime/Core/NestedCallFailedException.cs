using Grid.Runtime.Messaging;

namespace Grid.Runtime;

/// <summary>
/// A grain method failed because a call it made could not be delivered. It is wrapped so that the
/// caller of the outer call never mistakes it for "the outer call did not run" and sends it again.
/// </summary>
public sealed class NestedCallFailedException(GrainCall call, Exception inner)
    : Exception($"{call} failed: a call it made could not be delivered ({inner.Message}).", inner);
