using Grid.Grains.Visibility;

namespace Grid.Grains.Tests.Visibility;

/// <summary>The entity's epoch rule for an activation adopted after a crash, and the order of composed epochs.</summary>
public sealed class VisibilityEpochTests
{
    private static readonly long Epoch = CollectorEpoch.Of(7);

    [Fact]
    public void AnAdoptedEntityThatLostItsSpaceHoldsThroughItsOldEpochsDeltasUntilTheRebuild()
    {
        var epoch = new VisibilityEpoch(TimeSpan.FromHours(1));
        epoch.Restore(Epoch, spaceLost: true);
        Assert.True(epoch.Holding);

        // The collector's ordinary deltas under the old epoch: the space they land in is empty, so still held.
        Assert.Equal(EpochVerdict.Apply, epoch.Admit(Epoch, rebuilding: false));
        Assert.True(epoch.Holding);

        // The rebuild: a newer generation resets and holds until its loaded signal.
        var rebuild = CollectorEpoch.NextGeneration(Epoch)!.Value;
        Assert.Equal(EpochVerdict.Reset, epoch.Admit(rebuild, rebuilding: true));
        Assert.True(epoch.Holding);
        Assert.Equal(EpochVerdict.Apply, epoch.Admit(rebuild, rebuilding: false));
        Assert.False(epoch.Holding);
        Assert.Equal(EpochVerdict.Stale, epoch.Admit(Epoch, rebuilding: false));
    }

    [Fact]
    public void AnEntityWithItsSnapshotOrWithoutAnyFencedEpochDoesNotHold()
    {
        var restored = new VisibilityEpoch(TimeSpan.FromHours(1));
        restored.Restore(Epoch, spaceLost: false);
        Assert.False(restored.Holding);
        Assert.Equal(EpochVerdict.Apply, restored.Admit(Epoch, rebuilding: false));

        var unfenced = new VisibilityEpoch(TimeSpan.FromHours(1));
        unfenced.Restore(0, spaceLost: true);
        Assert.False(unfenced.Holding);
    }

    [Fact]
    public void AnyGenerationOfAnOlderCollectorIsOlderThanANewCollector()
    {
        var lastGeneration = CollectorEpoch.Of(7) + ((1L << CollectorEpoch.GenerationBits) - 1);
        Assert.True(lastGeneration < CollectorEpoch.Of(8));
        Assert.Null(CollectorEpoch.NextGeneration(lastGeneration));
        Assert.Equal(7, CollectorEpoch.FencingOf(lastGeneration));
        Assert.Equal(0, CollectorEpoch.CompareCollector(lastGeneration, CollectorEpoch.Of(7)));
        Assert.True(CollectorEpoch.CompareCollector(CollectorEpoch.Of(8), lastGeneration) > 0);
    }
}
