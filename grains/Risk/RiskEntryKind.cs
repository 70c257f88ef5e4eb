namespace Grid.Grains.Risk;

/// <summary>What a watch-calendar entry is: the occasion whose past shutdowns weigh most in its risk.</summary>
public enum RiskEntryKind
{
    Other = 0,
    Election = 1,
    Exam = 2,
    Protest = 3,
    Referendum = 4,
}
