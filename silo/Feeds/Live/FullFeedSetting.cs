using Grid.Grains.Visibility;

namespace Grid.Silo.Feeds.Live;

/// <summary>The <c>FullFeed</c> setting of live peers: <c>true</c>, <c>false</c> or <c>auto</c> (IODA's table-size rule).</summary>
internal static class FullFeedSetting
{
    /// <summary>The mode <paramref name="value"/> names; throws with <paramref name="key"/> when it names none.</summary>
    public static FullFeedMode Parse(string? value, string key) => (value ?? "").Trim().ToLowerInvariant() switch
    {
        "true" => FullFeedMode.Always,
        "false" => FullFeedMode.Never,
        "auto" or "" => FullFeedMode.Auto,
        _ => throw new InvalidOperationException($"{key} is \"{value}\": write true, false or auto."),
    };

    public static string Name(FullFeedMode mode) => mode switch
    {
        FullFeedMode.Always => "true",
        FullFeedMode.Never => "false",
        _ => "auto",
    };
}
