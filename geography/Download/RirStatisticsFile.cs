namespace Grid.Geography.Download;

/// <summary>
/// One registry's delegated-extended statistics file: the registry's name as its version line
/// gives it, and where the registry publishes the newest copy ("-latest" is a link to today's
/// file; see the NRO extended format, https://www.nro.net/wp-content/uploads/nro-extended-stats-readme5.txt).
/// </summary>
public sealed record RirStatisticsFile(string Registry, Uri Official)
{
    /// <summary>The five RIRs' files, at their official addresses.</summary>
    public static IReadOnlyList<RirStatisticsFile> All { get; } =
    [
        new("afrinic", new Uri("https://ftp.afrinic.net/pub/stats/afrinic/delegated-afrinic-extended-latest")),
        new("apnic", new Uri("https://ftp.apnic.net/stats/apnic/delegated-apnic-extended-latest")),
        new("arin", new Uri("https://ftp.arin.net/pub/stats/arin/delegated-arin-extended-latest")),
        new("lacnic", new Uri("https://ftp.lacnic.net/pub/stats/lacnic/delegated-lacnic-extended-latest")),
        new("ripencc", new Uri("https://ftp.ripe.net/pub/stats/ripencc/delegated-ripencc-extended-latest")),
    ];

    /// <summary>The name the file is saved under, the same as the registry's: delegated-ripencc-extended-latest.</summary>
    public string FileName => Official.Segments[^1];

    /// <summary>The official address, or the file of the same name under <paramref name="mirror"/>.</summary>
    public Uri From(Uri? mirror) => mirror is null ? Official : new Uri(mirror.AbsoluteUri.TrimEnd('/') + "/" + FileName);
}
