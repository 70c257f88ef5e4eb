namespace Grid.Silo.Feeds.Probing;

/// <summary>What the prober is doing, for <c>GET /v1/probes/status</c> and <c>/v1/feeds</c>.</summary>
public sealed class ProbingStatus
{
    private volatile ProbeRound? _lastRound;
    private volatile string _state = FeedStates.Starting;
    private volatile string? _detail;
    private long _external;

    public string State => _state;

    public string? Detail => _detail;

    public ProbeRound? LastRound => _lastRound;

    public int Rounds { get; private set; }

    public long ExternalResults => Interlocked.Read(ref _external);

    public void Set(string state, string? detail)
    {
        _state = state;
        _detail = detail;
    }

    public void Finished(ProbeRound round)
    {
        _lastRound = round;
        Rounds++;
    }

    public void AddExternal(int results) => Interlocked.Add(ref _external, results);
}
