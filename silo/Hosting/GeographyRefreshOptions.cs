namespace Grid.Silo.Hosting;

/// <summary>The daily download of the RIRs' delegated-extended files; configuration section <c>Grid:Geo:Refresh</c>.</summary>
public sealed class GeographyRefreshOptions
{
    public const string Section = "Grid:Geo:Refresh";

    public bool Enabled { get; set; } = true;

    /// <summary>The RIRs publish once a day.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>After a failed download (offline, say), try again this soon.</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A mirror serving the same file names, instead of the five RIRs' own servers.</summary>
    public Uri? Mirror { get; set; }
}
