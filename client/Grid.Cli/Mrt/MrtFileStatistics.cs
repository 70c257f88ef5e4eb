using System.Globalization;
using System.Net;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt;
using Grid.Bgp.Mrt.Model;
using Grid.Cli.Commands;

namespace Grid.Cli.Mrt;

/// <summary>
/// What `grid mrt stats` reports about one file: records by type and subtype, route elements per
/// peer, distinct prefixes per family, and the decode errors with their offsets.
/// </summary>
internal sealed class MrtFileStatistics
{
    private const int ListedErrors = 20;
    private readonly Dictionary<(IPAddress Address, uint Asn), PeerCounts> _peers = [];
    private readonly HashSet<Prefix> _prefixes = [];

    private MrtFileStatistics(string file) => File = file;

    public string File { get; }

    public MrtCompression Compression { get; private set; }

    public IReadOnlyList<KeyValuePair<MrtRecordKind, long>> Records { get; private set; } = [];

    public long RecordCount { get; private set; }

    public long Announcements { get; private set; }

    public long Withdrawals { get; private set; }

    public IReadOnlyList<MrtError> Errors { get; private set; } = [];

    public long ErrorCount { get; private set; }

    /// <summary>What the user should hear on standard error, if anything.</summary>
    public string? Message { get; private set; }

    public int ExitCode { get; private set; }

    public static MrtFileStatistics Collect(string file, MrtProgress progress)
    {
        var statistics = new MrtFileStatistics(file);
        using var reader = MrtInputFiles.Open(file);
        progress.StartFile(file, reader.InputLength);
        var elements = 0L;
        foreach (var element in reader.RouteElements())
        {
            statistics.Add(element);
            if ((++elements & 0xFFFF) == 0)
            {
                progress.Report(reader.InputPosition);
            }
        }
        progress.FinishFile();

        statistics.Compression = reader.Compression;
        statistics.Records = reader.RecordCounts.ByKind;
        statistics.RecordCount = reader.RecordCounts.Total;
        statistics.Errors = reader.Errors;
        statistics.ErrorCount = reader.ErrorCount;
        statistics.Message = MrtInputFiles.Describe(file, reader, out var fatal);
        statistics.ExitCode = fatal ? MrtExitCodes.Failed : MrtInputFiles.LostRecords(reader) ? MrtExitCodes.RecordsLost : MrtExitCodes.Success;
        return statistics;
    }

    private void Add(RouteElement element)
    {
        if (!_peers.TryGetValue((element.PeerAddress, element.PeerAsn), out var counts))
        {
            _peers[(element.PeerAddress, element.PeerAsn)] = counts = new PeerCounts();
        }
        if (element.Action == RouteAction.Announce)
        {
            counts.Announcements++;
            Announcements++;
        }
        else
        {
            counts.Withdrawals++;
            Withdrawals++;
        }
        _prefixes.Add(element.Prefix);
    }

    public void WriteTo(TextWriter output)
    {
        var ipv4 = _prefixes.Count(prefix => prefix.IsIPv4);
        output.WriteLine(Invariant($"file         {File}"));
        output.WriteLine(Invariant($"compression  {Compression.ToString().ToLowerInvariant()}"));
        output.WriteLine(Invariant($"records      {RecordCount}"));
        foreach (var (kind, count) in Records)
        {
            output.WriteLine(Invariant($"  {kind.Name,-40} {count,12}"));
        }
        output.WriteLine(Invariant($"elements     {Announcements + Withdrawals} ({Announcements} announcements, {Withdrawals} withdrawals)"));
        output.WriteLine(Invariant($"prefixes     {_prefixes.Count} distinct ({ipv4} IPv4, {_prefixes.Count - ipv4} IPv6)"));
        output.WriteLine(Invariant($"peers        {_peers.Count}"));
        if (_peers.Count > 0)
        {
            output.WriteLine(Invariant($"  {"ADDRESS",-40} {"ASN",10} {"ELEMENTS",10} {"ANNOUNCE",10} {"WITHDRAW",10}"));
        }
        foreach (var ((address, asn), counts) in _peers.OrderBy(peer => peer.Key.Address.AddressFamily).ThenBy(peer => peer.Key.Address.ToString(), StringComparer.Ordinal))
        {
            output.WriteLine(Invariant(
                $"  {address,-40} {asn,10} {counts.Announcements + counts.Withdrawals,10} {counts.Announcements,10} {counts.Withdrawals,10}"));
        }
        output.WriteLine(Invariant($"errors       {ErrorCount}"));
        foreach (var error in Errors.Take(ListedErrors))
        {
            output.WriteLine(Invariant($"  {Describe(error.Kind)}: {error}"));
        }
        if (ErrorCount > ListedErrors)
        {
            output.WriteLine(Invariant($"  ... and {ErrorCount - ListedErrors} more"));
        }
        output.WriteLine();
    }

    private static string Describe(MrtErrorKind kind) => kind switch
    {
        MrtErrorKind.MalformedRecord => "record skipped",
        MrtErrorKind.MalformedAttribute => "damage tolerated",
        MrtErrorKind.Truncated => "file cut off",
        MrtErrorKind.RecordTooLarge => "record too large, skipped",
        _ => "not MRT",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class PeerCounts
    {
        public long Announcements { get; set; }

        public long Withdrawals { get; set; }
    }
}
