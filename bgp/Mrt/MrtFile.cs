using Grid.Bgp.Mrt.Model;

namespace Grid.Bgp.Mrt;

/// <summary>An MRT file to replay, and whether it is a RIB dump (TABLE_DUMP, TABLE_DUMP_V2) or updates (BGP4MP).</summary>
public sealed record MrtFile(string Path, bool IsRib, long Length)
{
    /// <summary>Looks at the first record; a file that cannot be opened or is not MRT gives a reason instead.</summary>
    public static MrtFile? Probe(string path, out string? problem)
    {
        problem = null;
        if (!File.Exists(path))
        {
            problem = $"{System.IO.Path.GetFullPath(path)} does not exist: check the path given to --mrt.";
            return null;
        }

        using var reader = MrtReader.Open(path);
        if (!reader.Read())
        {
            problem = reader.IsNotMrt
                ? $"{path} is not an MRT file (RFC 6396): give RIB dumps (bview, rib) or update files."
                : $"{path} holds no readable MRT record{(reader.Errors.Count > 0 ? $" ({reader.Errors[0]})" : "")}.";
            return null;
        }

        var type = (MrtType)reader.Current.Header.Type;
        return new MrtFile(path, type is MrtType.TableDump or MrtType.TableDumpV2, new FileInfo(path).Length);
    }
}
