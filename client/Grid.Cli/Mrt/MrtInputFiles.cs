using System.CommandLine;
using Grid.Bgp.Mrt;
using Grid.Bgp.Mrt.Model;

namespace Grid.Cli.Mrt;

/// <summary>Opening the files `grid mrt` commands read, and telling the user plainly what is wrong with them.</summary>
internal static class MrtInputFiles
{
    /// <summary>The name for standard input.</summary>
    public const string StandardInput = "-";

    public const string FormatHelp =
        "grid mrt reads MRT files (RFC 6396) as RouteViews and RIPE RIS publish them (TABLE_DUMP, TABLE_DUMP_V2, BGP4MP), plain or gzip/bzip2 compressed";

    /// <summary>The FILE… argument of the `grid mrt` commands.</summary>
    public static Argument<string[]> CreateArgument() => new("FILE")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "MRT files (TABLE_DUMP, TABLE_DUMP_V2, BGP4MP), plain, gzip or bzip2; - reads standard input",
    };

    /// <summary>Says on standard error which file is missing, before any work starts; false when all exist.</summary>
    public static bool ReportMissing(IEnumerable<string> paths)
    {
        if (FindMissing(paths) is not { } missing)
        {
            return false;
        }
        Console.Error.WriteLine($"grid: {missing}");
        return true;
    }

    /// <summary>Why the files cannot be read, or null when every one exists.</summary>
    public static string? FindMissing(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (path == StandardInput || File.Exists(path))
            {
                continue;
            }
            return Directory.Exists(path)
                ? $"{path} is a directory; name the MRT files in it (for example {Path.Combine(path, "*.gz")})"
                : $"{path}: no such file; check the path (a relative path starts at {Environment.CurrentDirectory})";
        }
        return null;
    }

    public static MrtReader Open(string path) =>
        path == StandardInput ? new MrtReader(Console.OpenStandardInput()) : MrtReader.Open(path);

    /// <summary>What the user should hear about a file once it has been read; null when all went well.</summary>
    public static string? Describe(string path, MrtReader reader, out bool fatal)
    {
        fatal = false;
        if (reader.IsNotMrt)
        {
            fatal = true;
            return $"{path} is not an MRT file ({reader.Errors[0].Reason}); {FormatHelp}.";
        }
        if (reader.RecordCounts.Total == 0 && !reader.IsTruncated)
        {
            return null;
        }
        var lines = new List<string>();
        var skipped = reader.Errors.Where(error => error.Kind is MrtErrorKind.MalformedRecord or MrtErrorKind.RecordTooLarge).ToList();
        if (skipped.Count > 0)
        {
            lines.Add($"{path}: {skipped.Count} record(s) could not be decoded and were skipped (first: {skipped[0]}).");
        }
        var damaged = reader.Errors.Where(error => error.Kind == MrtErrorKind.MalformedAttribute).ToList();
        if (damaged.Count > 0)
        {
            lines.Add($"{path}: {damaged.Count} damaged attribute(s) or length(s) were tolerated and decoded as far as they go (first: {damaged[0]}).");
        }
        if (reader.Errors.FirstOrDefault(error => error.Kind == MrtErrorKind.Truncated) is { } cut)
        {
            lines.Add($"{path} is cut off ({cut.Reason}, at offset {cut.Offset} of the uncompressed data): every record before it was read; "
                + "if the file should be complete, fetch it again.");
        }
        return lines.Count == 0 ? null : string.Join(Environment.NewLine, lines);
    }

    /// <summary>True when records were lost (skipped or cut off), as opposed to tolerated damage.</summary>
    public static bool LostRecords(MrtReader reader) => reader.Errors.Any(error => error.RecordLost);
}
