using Grid.Bgp.Model;
using Grid.Geography;
using Grid.Grains.Elections;
using Grid.Grains.Probing;
using Grid.Grains.Watch;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// Watch mode for the prober (issue 20, item 3): while a country is inside a window of the watch
/// calendar, its blocks are probed every <c>Grid:Watch:ProbeInterval</c>; the others stay at one
/// round per <c>Grid:Probing:Interval</c> bin. Rounds then come at the watch interval and take the
/// watched blocks every time and the rest once per normal bin, all through the one pacer, so the
/// global cap (<c>Grid:Probing:RatePerSecond</c>) holds. A region's entry watches its country's
/// blocks: the prober knows a block's country (hitlist, else the geography), not its region.
/// </summary>
public sealed class WatchedProbeSchedule(
    IGrainFactory grains,
    IOptions<ElectionOptions> windows,
    IOptions<WatchOptions> watch,
    IOptions<ProbingOptions> probing,
    ProbeTargets targets,
    IGeography geography,
    TimeProvider time)
{
    private readonly List<CountryBlock> _pieces = [];
    private HashSet<CountryCode> _watched = [];
    private CountryCode[] _country = [];
    private long[] _lastBin = [];

    /// <summary>The countries watched at the last <see cref="RefreshAsync"/>.</summary>
    public IReadOnlySet<CountryCode> Watched => _watched;

    /// <summary>The time between round starts: the watch interval while a country is watched, if it is the shorter.</summary>
    public TimeSpan RoundInterval
    {
        get
        {
            var normal = probing.Value.Interval;
            var watched = watch.Value.ProbeInterval;
            return _watched.Count > 0 && watched > TimeSpan.Zero && watched < normal ? watched : normal;
        }
    }

    /// <summary>Reads which countries are inside a watch window now (one call to the calendar grain per round).</summary>
    public async Task RefreshAsync()
    {
        var now = time.GetUtcNow();
        var entries = await grains.GetGrain<IElectionCalendarGrain>(IElectionCalendarGrain.Key).List(null);
        var watched = new HashSet<CountryCode>();
        foreach (var entry in entries.Where(e => windows.Value.Watches(e, now)))
        {
            if (CountryCode.TryParse(entry.Country, out var code))
            {
                watched.Add(code);
            }
        }

        _watched = watched;
    }

    /// <summary>
    /// Which rows a round starting at <paramref name="start"/> probes: a watched country's every
    /// time, any other once per normal bin. Asked once per row per round, at the round's start.
    /// </summary>
    public Func<int, bool> DueRows(DateTimeOffset start)
    {
        Grow(targets.Count);
        var bin = ProbeBinOptions.BinStart(start, probing.Value.Interval).UtcTicks;
        var watched = _watched;
        return row =>
        {
            if (!watched.Contains(CountryOf(row)) && _lastBin[row] == bin)
            {
                return false;
            }

            _lastBin[row] = bin;
            return true;
        };
    }

    private CountryCode CountryOf(int row)
    {
        if (_country[row] != default)
        {
            return _country[row];
        }

        var named = targets.Country(row);
        if (named == default)
        {
            // No country in the hitlist: the block's place in the geography, as its probe shard will place it.
            _pieces.Clear();
            geography.Current.Split(Prefix.IPv4(targets.Network(row), 24), _pieces);
            named = _pieces.Count > 0 ? _pieces[0].Country : CountryCode.Unknown;
        }

        return _country[row] = named;
    }

    private void Grow(int rows)
    {
        if (rows > _lastBin.Length)
        {
            Array.Resize(ref _lastBin, rows);
            Array.Resize(ref _country, rows);
        }
    }
}
