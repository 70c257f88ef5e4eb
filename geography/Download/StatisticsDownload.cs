namespace Grid.Geography.Download;

/// <summary>
/// Downloads one statistics file into the geography folder so that a reader never sees half a
/// file: the body goes to a hidden ".name.partial" beside the target (Grid's loader skips hidden
/// files), is checked to be that registry's statistics file, and only then renamed over the old
/// copy, which rename(2) does atomically on one file system. Any failure leaves the old copy.
/// </summary>
public sealed class StatisticsDownload(HttpClient http)
{
    /// <summary>Downloads <paramref name="file"/> from <paramref name="url"/> into <paramref name="directory"/> and returns its size.</summary>
    /// <param name="progress">Called with the bytes received so far and the total, when the server said it.</param>
    /// <exception cref="HttpRequestException">The server could not be reached or did not answer 200.</exception>
    /// <exception cref="IOException">The transfer broke off, or the folder cannot be written.</exception>
    /// <exception cref="InvalidDataException">What came back is not this registry's statistics file.</exception>
    public async Task<long> FetchAsync(RirStatisticsFile file, Uri url, string directory, Action<long, long?> progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, file.FileName);
        var partial = Path.Combine(directory, $".{file.FileName}.partial");
        try
        {
            long received;
            using (var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
            {
                response.EnsureSuccessStatusCode();
                var length = response.Content.Headers.ContentLength;
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await using var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                received = await CopyAsync(body, output, length, progress, cancellationToken);
                if (length is { } expected && received != expected)
                {
                    throw new IOException($"the transfer ended after {received} of {expected} bytes");
                }

                output.Flush(flushToDisk: true);
            }

            CheckIsStatisticsOf(file.Registry, partial);
            File.Move(partial, target, overwrite: true);
            return received;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    private static async Task<long> CopyAsync(Stream body, Stream output, long? length, Action<long, long?> progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        long received = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            received += read;
            progress(received, length);
        }

        return received;
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
