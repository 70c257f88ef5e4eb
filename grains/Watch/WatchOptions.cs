namespace Grid.Grains.Watch;

/// <summary>The watch calendar and watch mode; configuration section <c>Grid:Watch</c>. Elections keep <c>Grid:Elections:Before/After</c>.</summary>
public sealed class WatchOptions
{
    public const string Section = "Grid:Watch";

    /// <summary>The watch opens this long before an entry's first day, for kinds without their own setting.</summary>
    public TimeSpan Before { get; set; } = TimeSpan.FromDays(1);

    /// <summary>And closes this long after its last day.</summary>
    public TimeSpan After { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// Per-kind windows (<c>Grid:Watch:Kinds:exam:After</c>). Exams are cut on exam days themselves
    /// (Iraq, Syria, Algeria in STOP): one day either side. Protests bring cuts that outlast the day.
    /// </summary>
    public Dictionary<string, WatchKindWindow> Kinds { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [WatchKinds.Exam] = new() { Before = TimeSpan.FromDays(1), After = TimeSpan.FromDays(1) },
        [WatchKinds.Protest] = new() { Before = TimeSpan.FromDays(1), After = TimeSpan.FromDays(3) },
        [WatchKinds.Referendum] = new() { Before = TimeSpan.FromDays(3), After = TimeSpan.FromDays(7) },
    };

    /// <summary>
    /// Access Now's STOP CSV (the normalized file, or a year sheet) whose rows score each entry's risk
    /// (<see cref="HistoryWatchRisk"/>); unset, risks rest on Grid's own events alone.
    /// </summary>
    public string? Stop { get; set; }

    /// <summary>How often Grid's prober probes a watched country's blocks (instead of <c>Grid:Probing:Interval</c>), within the global rate cap.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The most entries the calendar holds (ElectionGuide's whole export is about 2,400).</summary>
    public int MaxEntries { get; set; } = 20_000;

    /// <summary>The largest body <c>POST /v1/watch</c> reads.</summary>
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How long before a window opens <c>watch.upcoming</c> goes out (issue 20: a week ahead).</summary>
    public TimeSpan UpcomingLead { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Until a risk scorer is registered (<see cref="IWatchRiskScorer"/> answers null), <c>watch.upcoming</c>
    /// goes out for entries of these kinds; once one is, for entries it scores high instead.
    /// </summary>
    public string[] UpcomingKinds { get; set; } = [WatchKinds.Election, WatchKinds.Referendum];

    /// <summary>How often the silo asks the notices grain whether a notice is due.</summary>
    public TimeSpan NoticeTick { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most sent-notice records kept (the oldest go first); each is one notice to one subscriber.</summary>
    public int KeptNotices { get; set; } = 100_000;

    public TimeSpan BeforeFor(string kind) => Kinds.GetValueOrDefault(kind)?.Before ?? Before;

    public TimeSpan AfterFor(string kind) => Kinds.GetValueOrDefault(kind)?.After ?? After;
}
