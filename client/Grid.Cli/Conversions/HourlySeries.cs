using System.Globalization;

namespace Grid.Cli.Conversions;

/// <summary>Writes hourly values as series CSV (<c>time,entity,signal,value</c>), times in UTC, in order.</summary>
internal static class HourlySeries
{
    public static void Write(TextWriter output, IEnumerable<(DateTimeOffset Hour, string Entity, string Signal, double Value)> rows)
    {
        output.WriteLine(Grid.Grains.Backtesting.SeriesCsv.Header);
        foreach (var (hour, entity, signal, value) in rows.OrderBy(r => r.Hour).ThenBy(r => r.Entity, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{hour.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{entity},{signal},{value:0.###}"));
        }
    }

    public static DateTimeOffset HourOf(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    /// <summary>The start of the hour of a local clock <paramref name="offset"/> from UTC that holds <paramref name="local"/>, as an instant.</summary>
    public static DateTimeOffset HourOf(DateTime local, TimeSpan offset) =>
        new DateTimeOffset(local.Date.AddHours(local.Hour), offset).ToUniversalTime();
}
