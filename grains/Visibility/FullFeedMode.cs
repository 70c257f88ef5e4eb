namespace Grid.Grains.Visibility;

/// <summary>Whether a peer's table counts for visibility: by its size (auto), always, or never.</summary>
[GenerateSerializer, Alias("grid.FullFeedMode")]
public enum FullFeedMode
{
    Auto,
    Always,
    Never,
}
