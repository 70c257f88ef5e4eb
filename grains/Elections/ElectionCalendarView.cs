using Grid.Grains.Detection;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Elections;

/// <summary>
/// This silo's copy of the election calendar, read by every entity grain here. The calendar is one
/// grain; 75k entities asking it for their country at activation and every few ticks made it the
/// busiest grain of a table load (13.7k calls in a second, most of them across silos). The copy is
/// fetched whole at most once per detection tick and shared by the grains that ask meanwhile;
/// an election added through this silo is seen here at once, on other silos within a tick.
/// </summary>
public sealed class ElectionCalendarView(IGrainFactory grains, IOptions<DetectionOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Dictionary<string, ElectionEntry[]> _byCountry = new(StringComparer.OrdinalIgnoreCase);
    private long _fetchedAt;
    private bool _fetched;

    /// <summary>The entries of <paramref name="country"/> (ISO code), by date.</summary>
    public async Task<ElectionEntry[]> ForCountryAsync(string country)
    {
        if (Stale)
        {
            await RefreshAsync();
        }

        return Volatile.Read(ref _byCountry).GetValueOrDefault(country) ?? [];
    }

    /// <summary>Drops the copy: the next read fetches the calendar again (after this silo added entries).</summary>
    public void Invalidate() => Volatile.Write(ref _fetched, false);

    private bool Stale => !Volatile.Read(ref _fetched) || time.GetElapsedTime(Interlocked.Read(ref _fetchedAt)) >= options.Value.Tick;

    private async Task RefreshAsync()
    {
        await _refresh.WaitAsync();
        try
        {
            if (!Stale)
            {
                return;
            }

            var started = time.GetTimestamp();
            // Outside any grain's turn: the copy belongs to the silo, not to the grain that asked first.
            var entries = await Task.Run(() => grains.GetGrain<IElectionCalendarGrain>(IElectionCalendarGrain.Key).List(null));
            Volatile.Write(ref _byCountry, entries
                .GroupBy(e => e.Country, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase));
            Interlocked.Exchange(ref _fetchedAt, started);
            Volatile.Write(ref _fetched, true);
        }
        finally
        {
            _refresh.Release();
        }
    }
}
