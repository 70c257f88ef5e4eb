using Grid.Silo.Tests.Oracle;

namespace Grid.Silo.Tests.Cluster;

/// <summary>
/// When to kill which silo during a paced replay, so that the kill tests what it should: a silo
/// other than the collector, holding a country whose last change is about to be replayed. That
/// change then reaches the shards after the kill, while Orleans has not yet declared the silo dead,
/// so its report fails and must be sent again (or read by the country's next activation); and
/// every count the country may hold at the kill differs from its final one, so a report lost for
/// good would show.
/// </summary>
/// <remarks>
/// Strong candidates are countries the updates change for good (final count ≠ count after the
/// RIB): a grain that fell back to what it had after the RIB shows too. Others are taken only
/// when no strong candidate off the collector has its moment still to come.
/// </remarks>
internal sealed class ReplayCrashPlan
{
    private readonly List<Moment> _strong;
    private readonly List<Moment> _others;
    private readonly TimeSpan _lag;
    private readonly TimeSpan _unnoticed;

    /// <param name="lag">How far the replay may be beyond the position the test read when the kill lands (recorded time).</param>
    /// <param name="unnoticed">How long after the kill (recorded time) a change still reaches a silo not yet declared dead.</param>
    public ReplayCrashPlan(CountryTimelines timelines, long decentCount, TimeSpan lag, TimeSpan unnoticed)
    {
        (_lag, _unnoticed) = (lag, unnoticed);
        var moments = timelines.Countries.Values
            .Where(t => t.Changes.Count > 0 && t.AfterRib >= decentCount)
            .Select(MomentOf)
            .OfType<Moment>()
            .ToList();
        _strong = [.. moments.Where(m => m.Country.Final != m.Country.AfterRib).OrderByDescending(m => m.Country.Changes.Count)];
        _others = [.. moments.Where(m => m.Country.Final == m.Country.AfterRib).OrderByDescending(m => m.Country.AfterRib)];
        Assert.True(_strong.Count > 0, "the updates change no country with a decent count for good: the test data is off");
    }

    public IEnumerable<CountryTimeline> Candidates => _strong.Concat(_others).Select(m => m.Country);

    /// <summary>Each candidate's moments, for the test's output.</summary>
    public override string ToString() =>
        $"{string.Join(", ", _strong.Select(Describe))}; then {_others.Count} others ({string.Join(", ", _others.Take(4).Select(Describe))}…)";

    private static string Describe(Moment moment) => $"{moment.Country.Country} {moment.From:HH:mm:ss}–{moment.Until:HH:mm:ss}";

    /// <summary>Past this position no candidate's moment can come any more.</summary>
    public DateTimeOffset LastChance => _strong.Concat(_others).Max(m => m.Until);

    /// <summary>The silo to kill now and the country it holds, or null to wait.</summary>
    /// <param name="held">The countries each silo other than the collector holds.</param>
    public (TSilo Silo, CountryTimeline Country)? Pick<TSilo>(DateTimeOffset position, IReadOnlyDictionary<TSilo, HashSet<string>> held)
        where TSilo : class
    {
        TSilo? HolderOf(Moment moment) => held.FirstOrDefault(h => h.Value.Contains(moment.Country.Country)).Key;

        foreach (var moment in _strong.Where(m => IsMoment(m.Country, position)))
        {
            if (HolderOf(moment) is { } silo)
            {
                return (silo, moment.Country);
            }
        }

        if (_strong.Any(m => position <= m.Until && HolderOf(m) is not null))
        {
            return null;
        }

        foreach (var moment in _others.Where(m => IsMoment(m.Country, position)))
        {
            if (HolderOf(moment) is { } silo)
            {
                return (silo, moment.Country);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether killing the country's holder with the replay at <paramref name="position"/> (as the
    /// feed said) has the country's last change come after the kill and within the unnoticed time
    /// of it, with every count the country may hold meanwhile off its final one.
    /// </summary>
    private bool IsMoment(CountryTimeline country, DateTimeOffset position)
    {
        var last = country.Changes[^1].At;
        return last > position + _lag && last <= position + _lag + _unnoticed && country.OffFinalBetween(position, position + _lag);
    }

    /// <summary>The first and last second at which <see cref="IsMoment"/> holds for the country; null if it never does.</summary>
    private Moment? MomentOf(CountryTimeline country)
    {
        var last = country.Changes[^1].At;
        var valid = new List<DateTimeOffset>();
        for (var position = last - _lag - _unnoticed; position < last - _lag; position += TimeSpan.FromSeconds(1))
        {
            if (IsMoment(country, position))
            {
                valid.Add(position);
            }
        }

        return valid.Count == 0 ? null : new Moment(country, valid[0], valid[^1]);
    }

    private sealed record Moment(CountryTimeline Country, DateTimeOffset From, DateTimeOffset Until);
}
