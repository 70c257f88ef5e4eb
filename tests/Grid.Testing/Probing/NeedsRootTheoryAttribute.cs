using Xunit;

namespace Grid.Testing.Probing;

/// <summary>A theory that needs root (network namespaces): skipped elsewhere with the reason, like <see cref="NeedsRootFactAttribute"/>.</summary>
public sealed class NeedsRootTheoryAttribute : TheoryAttribute
{
    public NeedsRootTheoryAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root for network namespaces: run as root, e.g. `sudo bash .ci/run`";
        }
    }
}
