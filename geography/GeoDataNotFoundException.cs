namespace Grid.Geography;

/// <summary>
/// The geography folder is missing or holds nothing Grid can read. The message says how to fix
/// it, because the usual cause is a first start before any data was fetched.
/// </summary>
public sealed class GeoDataNotFoundException(string directory)
    : Exception($"RIR data not found in {directory}: set Grid:Geo:Dir or run `grid geo fetch`")
{
    public string Directory { get; } = directory;
}
