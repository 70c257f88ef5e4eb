namespace Grid.Silo.Tests.Cluster;

/// <summary>
/// Tests that run after every other test of the assembly, one at a time. A replay on three silos
/// fills a 2-core machine by itself. Beside the assembly's other silos (CI, 2026-12-04) its first
/// silo stopped answering before the cluster formed, and survivors found grains it had written
/// behind their backs: the mark of a silo starved until Orleans' probes (2 s, two missed) voted it
/// dead while it still ran. What such a test checks is exactness after a chosen crash, not
/// membership under a load nobody chose.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAlone
{
    public const string Name = "run alone";
}
