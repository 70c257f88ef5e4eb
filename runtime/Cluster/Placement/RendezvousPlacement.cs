using System.Text;

namespace Grid.Runtime.Cluster.Placement;

/// <summary>
/// Highest-random-weight (rendezvous) hashing, Thaler and Ravishankar 1998: a grain goes to the
/// silo whose hash with the grain's id is largest. Every silo computes the same answer from the
/// same member list, and when a silo joins or leaves only the grains it wins or held move (about
/// 1/n of them), which is what makes adoption after a death and rebalancing after a join cheap.
/// </summary>
public static class RendezvousPlacement
{
    /// <summary>The preferred silo of <paramref name="grain"/> among <paramref name="siloIds"/>; null if there is none.</summary>
    public static string? PreferredSilo(GrainId grain, IReadOnlyList<string> siloIds)
    {
        if (siloIds.Count == 0)
        {
            return null;
        }

        var grainHash = Fnv1a(grain.ToString());
        string? best = null;
        ulong bestWeight = 0;
        foreach (var silo in siloIds)
        {
            var weight = Mix(grainHash ^ Fnv1a(silo));
            if (best is null || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(silo, best) > 0))
            {
                best = silo;
                bestWeight = weight;
            }
        }

        return best;
    }

    // FNV-1a (64-bit) over UTF-8: stable across processes and runtimes, unlike string.GetHashCode.
    private static ulong Fnv1a(string value)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    // The SplitMix64 finalizer: FNV's low bits are weak, and the xor of two FNV hashes weaker still.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
