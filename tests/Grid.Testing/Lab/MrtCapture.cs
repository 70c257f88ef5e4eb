using System.Diagnostics;
using System.Net;
using Grid.Bgp.Model;

namespace Grid.Testing.Lab;

/// <summary>What a capture does besides the first announcement, and where its files go.</summary>
public sealed record CaptureOptions
{
    /// <summary>The families withdrawn and then announced again; the updates file holds these WITHDRAWs.</summary>
    public RouteFamilies Withdraw { get; init; } = RouteFamilies.Both;

    /// <summary>Where the two MRT files go; null means a fresh temp directory, deleted when the capture is disposed.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>How long each step (all routes in, all out, the RIB dump) may take; null scales with the set's size.</summary>
    public TimeSpan? StepTimeout { get; init; }
}

/// <summary>
/// MRT files written by a real BGP implementation: its RIB dump (TABLE_DUMP_V2) and its updates
/// file (BGP4MP) after a country's routes were announced, withdrawn and announced again, together
/// with the routes it was sent, so tests can compare decoders with the truth.
/// <code>
/// using var capture = await MrtCapture.RecordAsync(BgpDaemon.GoBgp, CountryPrefixSet.Country(500, 100));
/// var rib = await Bgpdump.ReadAsync(capture.RibDumpFile);   // 600 "B" lines from peer 127.0.0.1 AS64496
/// </code>
/// </summary>
public sealed class MrtCapture : IDisposable
{
    private readonly bool _ownsDirectory;

    private MrtCapture(BgpDaemon collector, CountryPrefixSet set, RouteFamilies withdrawn, string directory, bool ownsDirectory)
    {
        Collector = collector;
        Set = set;
        Withdrawn = withdrawn;
        Directory = directory;
        _ownsDirectory = ownsDirectory;
        var name = collector.ToString().ToLowerInvariant();
        RibDumpFile = Path.Combine(directory, $"{name}-rib.mrt");
        UpdatesFile = Path.Combine(directory, $"{name}-updates.mrt");
    }

    public BgpDaemon Collector { get; }

    /// <summary>The routes the country speaker announced: the expected content of both files.</summary>
    public CountryPrefixSet Set { get; }

    public RouteFamilies Withdrawn { get; }

    public string Directory { get; }

    /// <summary>TABLE_DUMP_V2 taken after the sequence: exactly <see cref="Set"/>'s prefixes.</summary>
    public string RibDumpFile { get; }

    /// <summary>BGP4MP: every prefix announced, the withdrawn families withdrawn once and announced again.</summary>
    public string UpdatesFile { get; }

    /// <summary>The peer both files name: the country speaker.</summary>
    public IPAddress PeerAddress => BgpLab.SpeakerAddress;

    public uint PeerAsn => BgpLab.SpeakerAsn;

    public TimeSpan Elapsed { get; private set; }

    public IReadOnlySet<Prefix> WithdrawnPrefixes =>
        Set.Prefixes.Where(p => Withdrawn.HasFlag(p.IsIPv4 ? RouteFamilies.IPv4 : RouteFamilies.IPv6)).ToHashSet();

    /// <summary>
    /// Runs a lab with <paramref name="collector"/> receiving <paramref name="set"/> from the BIRD
    /// country speaker: announce all, withdraw, announce again, dump the RIB; then stops it.
    /// Each step waits for the collector to report the routes, never for a fixed time.
    /// GoBGP takes about a minute: it writes RIB dumps only on its 60 s timer.
    /// </summary>
    public static async Task<MrtCapture> RecordAsync(BgpDaemon collector, CountryPrefixSet set, CaptureOptions? options = null)
    {
        options ??= new CaptureOptions();
        var clock = Stopwatch.StartNew();
        var ownsDirectory = options.OutputDirectory is null;
        var directory = options.OutputDirectory ?? System.IO.Directory.CreateTempSubdirectory("grid-mrt-").FullName;
        System.IO.Directory.CreateDirectory(directory);
        var capture = new MrtCapture(collector, set, options.Withdraw, directory, ownsDirectory);
        try
        {
            await using var lab = await BgpLab.CreateAsync();
            var router = await lab.StartCollectorAsync(collector);
            var speaker = await lab.StartCountrySpeakerAsync(set, router);
            await new ShutdownSequence(speaker, router, options.StepTimeout ?? StepTimeoutFor(set)).RunAsync(options.Withdraw, capture.RibDumpFile);
            File.Copy(router.UpdatesFile!, capture.UpdatesFile, overwrite: true);
        }
        catch
        {
            capture.Dispose();
            throw;
        }
        capture.Elapsed = clock.Elapsed;
        return capture;
    }

    public void Dispose()
    {
        if (_ownsDirectory && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    // BIRD moves a million routes in well under a minute on two cores; leave ample room.
    private static TimeSpan StepTimeoutFor(CountryPrefixSet set) =>
        TimeSpan.FromSeconds(30) + TimeSpan.FromMilliseconds(set.Routes.Count * 0.25);
}
