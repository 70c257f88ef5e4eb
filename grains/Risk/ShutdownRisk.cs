using Grid.Geography;

namespace Grid.Grains.Risk;

/// <summary>The shutdown risk of a country around one calendar entry: level, score (0–100) and the parts it is made of.</summary>
public sealed record ShutdownRisk(CountryCode Country, RiskEntryKind Kind, DateOnly Date, RiskLevel Level, int Score, IReadOnlyList<RiskPart> Parts)
{
    /// <summary>Each part's reason followed by what it cites, the parts that gave points first.</summary>
    public IEnumerable<string> Reasons => Parts.OrderByDescending(p => p.Points).SelectMany(p => p.Cited.Select(c => $"  {c}").Prepend(p.Reason));
}
