using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Grid.Bgp.Model;

namespace Grid.Testing.Lab;

/// <summary>
/// One line of `bgpdump -m`: TYPE|time|B/A/W/STATE|peer|peer AS|prefix|AS path|origin|next hop|
/// local pref|MED|communities|atomic aggregate|aggregator|. STATE lines carry the old and new FSM
/// states where the prefix and path would be.
/// </summary>
public sealed record BgpdumpLine(string Text, string Type, long Timestamp, string Kind, IPAddress PeerAddress, uint PeerAsn, Prefix? Prefix, string? AsPath, string? Communities)
{
    public const string RibEntry = "B";
    public const string Announcement = "A";
    public const string Withdrawal = "W";
    public const string StateChange = "STATE";

    public static BgpdumpLine Parse(string line)
    {
        var fields = line.Split('|');
        var kind = fields[2];
        var hasPrefix = kind is RibEntry or Announcement or Withdrawal;
        var hasPath = kind is RibEntry or Announcement;
        return new BgpdumpLine(
            line,
            fields[0],
            long.Parse(fields[1].Split('.')[0], CultureInfo.InvariantCulture),
            kind,
            IPAddress.Parse(fields[3]),
            uint.Parse(fields[4], CultureInfo.InvariantCulture),
            hasPrefix ? Grid.Bgp.Model.Prefix.Parse(fields[5]) : null,
            hasPath ? fields[6] : null,
            hasPath && fields.Length > 11 ? fields[11] : null);
    }
}

/// <summary>
/// The reference MRT decoder, bgpdump 1.6 (`bgpdump -m`), run as a process. Grid's own decoder is
/// compared with it line by line, and the lab uses it to confirm what a daemon wrote.
/// </summary>
public static class Bgpdump
{
    /// <summary>Streams the one-line-per-prefix output for <paramref name="path"/> (large files do not fit in a string).</summary>
    public static async IAsyncEnumerable<string> LinesAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(LabPrerequisites.Require("bgpdump"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-m");
        startInfo.ArgumentList.Add(path);
        using var process = Process.Start(startInfo)!;
        // bgpdump chats on stderr ("logging to syslog"); keep it for the error message only.
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                yield return line;
            }
            await process.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`bgpdump -m {path}` exited with {process.ExitCode}: {await errors}");
        }
    }

    /// <summary>All lines of a (small) file, parsed.</summary>
    public static async Task<List<BgpdumpLine>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var lines = new List<BgpdumpLine>();
        await foreach (var line in LinesAsync(path, cancellationToken))
        {
            lines.Add(BgpdumpLine.Parse(line));
        }
        return lines;
    }

    /// <summary>How many lines of each kind (B, A, W, STATE) the file decodes to.</summary>
    public static async Task<Dictionary<string, long>> CountKindsAsync(string path, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var line in LinesAsync(path, cancellationToken))
        {
            var start = line.IndexOf('|', line.IndexOf('|') + 1) + 1;
            var kind = line[start..line.IndexOf('|', start)];
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }
        return counts;
    }
}
