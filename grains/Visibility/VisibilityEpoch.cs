namespace Grid.Grains.Visibility;

/// <summary>
/// An entity's view of the collector epochs. The routing table lives only in the memory of the
/// collector (the silo holding the <c>routing</c> lease); when the lease moves, the new collector
/// starts with empty shards and announces everything again. Every route batch, and so every
/// <see cref="Entities.VisibilityDelta"/>, carries the lease's fencing token as its epoch, and the
/// entity applies one rule:
/// <list type="bullet">
/// <item>a delta of an older epoch comes from a collector that lost its lease: dropped;</item>
/// <item>a delta of a newer epoch means the table is being rebuilt from scratch: the visible space
/// restarts at zero, so the re-announcements are not counted a second time;</item>
/// <item>while the new epoch's table loads, the BGP readings are held (no points recorded, the last
/// value stays in force, like IODA's "no data" while a collector is down), so a half-built table
/// never reads as an outage. The hold ends at the first delta sent after the feed finished its
/// initial load (End-of-RIB, RFC 4724 §2; the end of an MRT RIB dump; the RIS RIB bootstrap), or
/// after <see cref="VisibilityOptions.EpochGrace"/> for a feed that has no such end (RIS Live without
/// a bootstrap) or an entity that no loaded shard reaches.</item>
/// </list>
/// An entity adopted after a crash knows its persisted epoch but has lost its space: it holds
/// until a newer epoch (the rebuild it asked for, <see cref="IVisibilityRebuildGrain"/>) or the grace,
/// and deltas of its old epoch meanwhile do not end the hold.
/// Epoch 0 is "no lease" (tests and tools that drive the shards directly): it never holds.
/// </summary>
public sealed class VisibilityEpoch(TimeSpan grace)
{
    private long _holdStarted;
    private bool _awaitingNewer;

    /// <summary>Starts from a persisted epoch; <paramref name="spaceLost"/> holds until a newer one.</summary>
    public void Restore(long epoch, bool spaceLost)
    {
        Current = epoch;
        Holding = _awaitingNewer = spaceLost && epoch != 0;
        _holdStarted = Environment.TickCount64;
    }

    /// <summary>The newest epoch seen; 0 until the first fenced delta.</summary>
    public long Current { get; private set; }

    /// <summary>True while the readings are held for a rebuild.</summary>
    public bool Holding { get; private set; }

    /// <summary>Judges a delta's epoch: drop it, start a rebuild (reset the counts), or apply it.</summary>
    public EpochVerdict Admit(long epoch, bool rebuilding)
    {
        if (epoch < Current)
        {
            return EpochVerdict.Stale;
        }

        var verdict = EpochVerdict.Apply;
        if (epoch > Current)
        {
            Current = epoch;
            Holding = rebuilding;
            _awaitingNewer = false;
            _holdStarted = Environment.TickCount64;
            verdict = EpochVerdict.Reset;
        }
        else if (Holding && !rebuilding && !_awaitingNewer)
        {
            Holding = false;
        }

        return verdict;
    }

    /// <summary>Ends the hold once the grace is over; true when it ended now.</summary>
    public bool GraceEnded()
    {
        if (!Holding || Environment.TickCount64 - _holdStarted < grace.TotalMilliseconds)
        {
            return false;
        }

        Holding = _awaitingNewer = false;
        return true;
    }
}

/// <summary>What to do with a delta, by its epoch.</summary>
public enum EpochVerdict
{
    Apply,
    Reset,
    Stale,
}
