namespace Grid.Geography.Download;

/// <summary>
/// Downloads one file into a data folder so that a reader never sees half a file: the body goes to
/// a hidden ".name.partial" beside the target (Grid's loaders skip hidden files and read only
/// their own names), is checked to be the file expected, and only then renamed over the old copy,
/// which rename(2) does atomically on one file system. Any failure leaves the old copy.
/// </summary>
public sealed class AtomicDownload(HttpClient http)
{
    /// <summary>Downloads <paramref name="url"/> to <paramref name="target"/> and returns its size.</summary>
    /// <param name="check">Throws <see cref="InvalidDataException"/> when the downloaded file, at the path given, is not what the target should hold.</param>
    /// <param name="progress">Called with the bytes received so far and the total, when the server said it.</param>
    /// <exception cref="HttpRequestException">The server could not be reached or did not answer 200.</exception>
    /// <exception cref="IOException">The transfer broke off, or the folder cannot be written.</exception>
    /// <exception cref="InvalidDataException">What came back is not the file expected.</exception>
    public async Task<long> FetchAsync(Uri url, string target, Action<string> check, Action<long, long?> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var directory = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(directory);
        var partial = Path.Combine(directory, $".{Path.GetFileName(target)}.partial");
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

            check(partial);
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
}
