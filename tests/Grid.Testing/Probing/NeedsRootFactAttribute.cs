using Xunit;

namespace Grid.Testing.Probing;

/// <summary>
/// A fact that needs root (network namespaces, raw sockets): skipped elsewhere, with the reason
/// printed by the runner, never silently. <c>.ci/run</c> runs as root, so CI runs them.
/// </summary>
public sealed class NeedsRootFactAttribute : FactAttribute
{
    public NeedsRootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root for network namespaces and raw ICMP sockets: run as root, e.g. `sudo bash .ci/run`";
        }
    }
}
