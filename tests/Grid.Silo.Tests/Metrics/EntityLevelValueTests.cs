using Grid.Grains.Detection;
using Grid.Silo.Metrics;

namespace Grid.Silo.Tests.Metrics;

/// <summary><c>grid_entity_level</c> keeps the values the README's metric table, the dashboards and the alert rules use.</summary>
public sealed class EntityLevelValueTests
{
    [Theory]
    [InlineData(DetectionLevel.Unknown, -1)]
    [InlineData(DetectionLevel.Normal, 0)]
    [InlineData(DetectionLevel.Warning, 1)]
    [InlineData(DetectionLevel.Critical, 2)]
    public void EachLevelExportsItsDocumentedValue(DetectionLevel level, int value)
    {
        Assert.Equal(value, EntityGauges.LevelValue(level));
    }
}
