namespace Grid.Grains.Elections;

/// <summary>The election calendar's entries.</summary>
[GenerateSerializer, Alias("grid.ElectionCalendarState")]
public sealed class ElectionCalendarState
{
    [Id(0)]
    public List<ElectionEntry> Entries { get; set; } = [];
}
