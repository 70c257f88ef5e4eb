using System.Text.Json.Serialization;

namespace Grid.Grains.Detection;

/// <summary>
/// A detection level, ordered by severity so that <c>a &gt; b</c> means "a is worse".
/// <see cref="Unknown"/> means no call is made (no data, or a baseline below the minimum); the
/// others follow IODA's alert levels. Outside Grid's code (API, webhooks, event ids, query
/// parameters) a level is its lowercase name: <c>unknown</c>, <c>normal</c>, <c>warning</c>,
/// <c>critical</c> (<see cref="DetectionLevelExtensions"/>).
/// </summary>
[GenerateSerializer, Alias("grid.DetectionLevel")]
[JsonConverter(typeof(JsonStringEnumConverter<DetectionLevel>))]
public enum DetectionLevel
{
    [JsonStringEnumMemberName("unknown")]
    Unknown = 0,

    [JsonStringEnumMemberName("normal")]
    Normal = 1,

    [JsonStringEnumMemberName("warning")]
    Warning = 2,

    [JsonStringEnumMemberName("critical")]
    Critical = 3,
}
