namespace Grid.Grains.Risk;

/// <summary>A shutdown risk in three steps, from the score (<see cref="ShutdownRiskScorer.HighFrom"/>, <see cref="ShutdownRiskScorer.MediumFrom"/>).</summary>
public enum RiskLevel
{
    Low = 0,
    Medium = 1,
    High = 2,
}
