namespace Grid.Grains.Detection;

/// <summary>The stream every level change goes to; alert grains subscribe implicitly.</summary>
public static class AnomalyStream
{
    /// <summary>The stream provider (memory streams on one silo, ADO.NET streams on PostgreSQL in a cluster).</summary>
    public const string Provider = "grid";

    public const string Namespace = "anomalies";

    /// <summary>
    /// One stream key for the world: level changes are rare (a few a day), and one alert grain then
    /// deduplicates them and hands each to the outbox of every subscription that hears it.
    /// </summary>
    public const string Key = "world";
}
