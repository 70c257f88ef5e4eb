namespace Grid.Bgp.Mrt.Model;

/// <summary>How an MRT input is compressed, as its first octets say (never its file name).</summary>
public enum MrtCompression
{
    None,

    /// <summary>RFC 1952 gzip (magic 1F 8B); RIS archives.</summary>
    Gzip,

    /// <summary>bzip2 (magic "BZh"); RouteViews archives.</summary>
    Bzip2,
}
