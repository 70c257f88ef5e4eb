namespace Grid.Grains.Probing;

/// <summary>
/// Trinocular's belief that a /24 block is up (L. Quan, J. Heidemann, Y. Pradkin, "Trinocular:
/// Understanding Internet Reliability Through Adaptive Probing", SIGCOMM 2013, §3.2): a Bayesian
/// update per probe, where a block that is up answers with probability A (its availability, the
/// share of its known-responsive addresses that answer) and a block that is down answers only by
/// accident (ε). The block is up at B ≥ 0.9, down at B ≤ 0.1, and unknown between.
/// </summary>
public static class TrinocularBelief
{
    /// <summary>The belief at or above which a block is up (§3.2).</summary>
    public const double UpThreshold = 0.9;

    /// <summary>The belief at or below which a block is down (§3.2).</summary>
    public const double DownThreshold = 0.1;

    /// <summary>A block that is down still "answers" this often: spoofed or stray replies (the paper's small ε).</summary>
    public const double Epsilon = 0.01;

    /// <summary>
    /// Belief never reaches 0 or 1: a certain belief could never be moved by new evidence, and the
    /// paper keeps belief away from the extremes for the same reason.
    /// </summary>
    public const double Floor = 0.01;

    public const double Ceiling = 0.99;

    /// <summary>What a block we know nothing about starts at: halfway, so one answer or a few silences decide it.</summary>
    public const double Prior = 0.5;

    /// <summary>The availability assumed when the hitlist says nothing, as IODA's hitlists give for typical blocks.</summary>
    public const double DefaultAvailability = 0.8;

    /// <summary>At most this many probes per block per round (§3.3: "up to 15 probes").</summary>
    public const int MaxProbesPerRound = 15;

    /// <summary>The belief after one probe: Bayes' rule with P(reply|up) = A and P(reply|down) = ε.</summary>
    public static double Update(double belief, double availability, bool replied)
    {
        var a = Math.Clamp(availability, Epsilon * 2, 1 - Epsilon);
        var (whenUp, whenDown) = replied ? (a, Epsilon) : (1 - a, 1 - Epsilon);
        var posterior = whenUp * belief / ((whenUp * belief) + (whenDown * (1 - belief)));
        return Math.Clamp(posterior, Floor, Ceiling);
    }

    public static BlockState StateOf(double belief) =>
        belief >= UpThreshold ? BlockState.Up : belief <= DownThreshold ? BlockState.Down : BlockState.Unknown;

    /// <summary>
    /// Whether a round should probe the block again (§3.3, adaptive probing): while its belief is
    /// uncertain, and after an answer that contradicts what the block was believed to be (one lost
    /// reply from an up block only dents its belief; more probes confirm or clear the outage).
    /// </summary>
    public static bool NeedsAnotherProbe(double belief, BlockState before, bool lastReplied, int probesThisRound)
    {
        if (probesThisRound >= MaxProbesPerRound)
        {
            return false;
        }

        var now = StateOf(belief);
        if (now == BlockState.Unknown)
        {
            return true;
        }

        // A silent up block, or an answering down block, is checked until the evidence settles it.
        return now == before && ((now == BlockState.Up && !lastReplied) || (now == BlockState.Down && lastReplied));
    }
}
