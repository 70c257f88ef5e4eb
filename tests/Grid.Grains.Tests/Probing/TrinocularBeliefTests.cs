using Grid.Grains.Probing;

namespace Grid.Grains.Tests.Probing;

/// <summary>Trinocular's belief (Quan, Heidemann, Pradkin, SIGCOMM 2013, §3.2-3.3), one probe at a time.</summary>
public sealed class TrinocularBeliefTests
{
    [Fact]
    public void OneAnswerMakesAnUnknownBlockUp()
    {
        var belief = TrinocularBelief.Update(TrinocularBelief.Prior, availability: 0.8, replied: true);

        // 0.8·0.5 / (0.8·0.5 + 0.01·0.5) = 0.988
        Assert.Equal(0.8 * 0.5 / ((0.8 * 0.5) + (0.01 * 0.5)), belief, 6);
        Assert.Equal(BlockState.Up, TrinocularBelief.StateOf(belief));
    }

    [Fact]
    public void OneSilenceOnlyDentsAnUpBlockButAsksForAnotherProbe()
    {
        var belief = TrinocularBelief.Update(TrinocularBelief.Ceiling, availability: 0.8, replied: false);

        Assert.InRange(belief, 0.9, 0.99);
        Assert.Equal(BlockState.Up, TrinocularBelief.StateOf(belief));
        Assert.True(TrinocularBelief.NeedsAnotherProbe(belief, BlockState.Up, lastReplied: false, probesThisRound: 1));
        Assert.False(TrinocularBelief.NeedsAnotherProbe(TrinocularBelief.Ceiling, BlockState.Up, lastReplied: true, probesThisRound: 1));
    }

    [Theory]
    [InlineData(0.8, BlockState.Down, 5)]
    [InlineData(0.5, BlockState.Down, 10)]
    [InlineData(0.3, BlockState.Unknown, 15)]
    public void ASilentUpBlockIsDownAfterAsManySilencesAsItsAvailabilityWarrants(double availability, BlockState expected, int expectedProbes)
    {
        // A block that answers rarely says little by keeping quiet: each silence multiplies the odds
        // of "up" by (1 - A) / (1 - ε), so from 0.99 it takes 5 silences at A = 0.8, 10 at 0.5, and at
        // 0.3 more than one round's 15 probes, after which the block stays unknown.
        var (state, probes) = Round(TrinocularBelief.Ceiling, availability, _ => false);

        Assert.Equal((expected, expectedProbes), (state, probes));
    }

    [Fact]
    public void ADownBlockThatAnswersIsUpAgainAfterTwoAnswers()
    {
        var (state, probes) = Round(TrinocularBelief.Floor, 0.8, _ => true);

        Assert.Equal((BlockState.Up, 2), (state, probes));
    }

    [Fact]
    public void BeliefStaysInsideItsBoundsSoEvidenceCanAlwaysMoveIt()
    {
        var belief = TrinocularBelief.Prior;
        for (var i = 0; i < 100; i++)
        {
            belief = TrinocularBelief.Update(belief, 0.99, replied: true);
        }

        Assert.Equal(TrinocularBelief.Ceiling, belief, 9);
        for (var i = 0; i < 100; i++)
        {
            belief = TrinocularBelief.Update(belief, 0.99, replied: false);
        }

        Assert.Equal(TrinocularBelief.Floor, belief, 9);
    }

    /// <summary>One round of adaptive probing as the prober runs it: probe while the belief asks for it.</summary>
    private static (BlockState State, int Probes) Round(double belief, double availability, Func<int, bool> answers)
    {
        var before = TrinocularBelief.StateOf(belief);
        var probes = 0;
        bool again;
        do
        {
            var replied = answers(probes);
            belief = TrinocularBelief.Update(belief, availability, replied);
            probes++;
            again = TrinocularBelief.NeedsAnotherProbe(belief, before, replied, probes);
        }
        while (again);

        return (TrinocularBelief.StateOf(belief), probes);
    }
}
