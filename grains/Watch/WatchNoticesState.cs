namespace Grid.Grains.Watch;

/// <summary>The notices handed to subscribers' outboxes, as <c>entry id / notice / subscription id</c>, oldest first.</summary>
[GenerateSerializer, Alias("grid.WatchNoticesState")]
public sealed class WatchNoticesState
{
    [Id(0)]
    public List<string> Sent { get; set; } = [];
}
