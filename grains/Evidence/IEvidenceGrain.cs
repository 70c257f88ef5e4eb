namespace Grid.Grains.Evidence;

/// <summary>Seals an evidence bundle at each level change of an event (one grain for the world, as the anomalies stream has one key).</summary>
public interface IEvidenceGrain : IGrainWithStringKey
{
    /// <summary>Seals every pending change that is due now; the number still pending.</summary>
    Task<int> SealDue();
}
