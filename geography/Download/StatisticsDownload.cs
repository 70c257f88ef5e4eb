namespace Grid.Geography.Download;

/// <summary>
/// Downloads one statistics file into the geography folder through <see cref="AtomicDownload"/>:
/// the old copy is replaced only by a file whose version line is that registry's.
/// </summary>
public sealed class StatisticsDownload(HttpClient http)
{
    private readonly AtomicDownload _download = new(http);

    /// <summary>Downloads <paramref name="file"/> from <paramref name="url"/> into <paramref name="directory"/> and returns its size.</summary>
    /// <param name="progress">Called with the bytes received so far and the total, when the server said it.</param>
    /// <exception cref="HttpRequestException">The server could not be reached or did not answer 200.</exception>
    /// <exception cref="IOException">The transfer broke off, or the folder cannot be written.</exception>
    /// <exception cref="InvalidDataException">What came back is not this registry's statistics file.</exception>
    public Task<long> FetchAsync(RirStatisticsFile file, Uri url, string directory, Action<long, long?> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return _download.FetchAsync(url, Path.Combine(directory, file.FileName), path => CheckIsStatisticsOf(file.Registry, path), progress, cancellationToken);
    }

    // A captive portal or a mirror's error page also answers 200; the version line (RIR statistics
    // exchange format §4.2, "version|registry|serial|records|startdate|enddate|UTCoffset") cannot be faked by accident.
    private static void CheckIsStatisticsOf(string registry, string path)
    {
        using var reader = new StreamReader(path);
        var first = "";
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                first = line;
                break;
            }
        }

        var fields = first.Split('|');
        if (fields.Length < 7 || fields[1] != registry)
        {
            var shown = first.Length > 60 ? first[..60] + "…" : first;
            throw new InvalidDataException($"this is not {registry}'s statistics file (its first line is '{shown}')");
        }
    }
}
