using Grid.Bgp.Model;
using Grid.Grains.Entities;
using Grid.Grains.Geography;
using Grid.Grains.Probing;

namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// The silo's one block table, shared by its own prober and the intake of outside vantage points,
/// behind one lock. Addresses without a country are placed by the silo's geography.
/// </summary>
public sealed class ProbeBlocks(IGeography geography)
{
    private readonly BlockTable _table = new();
    private readonly List<CountryBlock> _pieces = [];

    /// <summary>Held by whoever reads or changes the table.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The table itself; take <see cref="Gate"/> first.</summary>
    public BlockTable Table => _table;

    /// <summary>Addresses the silo's own prober probes.</summary>
    public int Targets { get; private set; }

    /// <summary>Adds the hitlist's addresses as targets; returns how many blocks they cover.</summary>
    public int AddTargets(IReadOnlyCollection<HitlistEntry> entries)
    {
        lock (Gate)
        {
            _table.EnsureCapacity(_table.Count + entries.Count);
            foreach (var entry in entries)
            {
                _table.Add(entry.Address, entry.Country ?? CountryOf(entry.Address), entry.Asn, entry.Availability ?? TrinocularBelief.DefaultAvailability, target: true);
                Targets++;
            }

            return _table.Count;
        }
    }

    /// <summary>
    /// Applies what an outside vantage point saw of <paramref name="address"/>: each answer and each
    /// silence is one Bayesian update of its block, exactly as Grid's own probes are.
    /// </summary>
    public void ApplyExternal(uint address, CountryCode? country, uint asn, int sent, IReadOnlyList<double> rttsMs)
    {
        lock (Gate)
        {
            var row = _table.Find(address);
            if (row < 0)
            {
                row = _table.Add(address, country ?? CountryOf(address), asn, TrinocularBelief.DefaultAvailability, target: false);
            }

            for (var i = 0; i < sent; i++)
            {
                var replied = i < rttsMs.Count;
                _table.Observe(row, replied, replied ? rttsMs[i] : double.NaN);
            }
        }
    }

    /// <summary>Closes the bin: one <see cref="ProbeBin"/> per country and AS, then counts restart.</summary>
    public IReadOnlyDictionary<string, ProbeBin> TakeBin(DateTimeOffset at, int staleBins)
    {
        lock (Gate)
        {
            var bins = ProbeBinAggregate.Of(_table, at);
            _table.NextBin(staleBins);
            return bins;
        }
    }

    /// <summary>Blocks by state, now.</summary>
    public (int Blocks, int Up, int Down, int Unknown) Census()
    {
        lock (Gate)
        {
            int up = 0, down = 0;
            for (var row = 0; row < _table.Count; row++)
            {
                switch (_table.State(row))
                {
                    case BlockState.Up:
                        up++;
                        break;
                    case BlockState.Down:
                        down++;
                        break;
                }
            }

            return (_table.Count, up, down, _table.Count - up - down);
        }
    }

    private CountryCode CountryOf(uint address)
    {
        _pieces.Clear();
        geography.Split(Prefix.IPv4(address, 32), _pieces);
        return _pieces.Count == 0 ? CountryCode.Unknown : _pieces[0].Country;
    }
}
