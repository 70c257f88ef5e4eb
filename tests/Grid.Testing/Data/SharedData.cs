namespace Grid.Testing.Data;

/// <summary>
/// The real data sets under ../shared/data (provenance in its MANIFEST.txt), found from the test
/// binaries by walking up to the folder that holds Grid.sln. Tests read them in place: they are
/// never copied into the repository.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The absolute path of ../shared/data.</summary>
    public static string Directory => Root.Value;

    /// <summary>A path inside ../shared/data, such as <c>PathOf("rir", "ipverse-prefix-country.csv")</c>.</summary>
    public static string PathOf(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Grid.sln")))
            {
                var data = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder.FullName, "..", "shared", "data"));
                return System.IO.Directory.Exists(data)
                    ? data
                    : throw new DirectoryNotFoundException($"The shared data sets are expected in {data}, beside the repository.");
            }
        }

        throw new DirectoryNotFoundException($"No Grid.sln above {AppContext.BaseDirectory}; tests must run from a build inside the repository.");
    }
}
