namespace Grid.Silo.Hosting;

/// <summary>When the silo's own downloads (RIR files daily, region data monthly) are next due.</summary>
internal static class DownloadSchedule
{
    /// <summary>Now when a file is missing or older than <paramref name="interval"/>; otherwise when the oldest will be.</summary>
    public static TimeSpan NextDue(IEnumerable<string> paths, TimeSpan interval)
    {
        var oldest = paths
            .Select(p => File.Exists(p) ? DateTime.UtcNow - File.GetLastWriteTimeUtc(p) : TimeSpan.MaxValue)
            .Max();
        return oldest >= interval ? TimeSpan.Zero : interval - oldest;
    }
}
