namespace Grid.Testing;

/// <summary>
/// The real data sets in ../shared/data beside the repository (see its MANIFEST.txt). Tests read
/// them in place; they are never copied into the repository.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Directory => Root.Value;

    public static string PathOf(string relative)
    {
        var path = Path.Combine(Root.Value, relative);
        return File.Exists(path) || System.IO.Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"{relative} is not in {Root.Value}: the shared data set is incomplete.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Grid.sln")))
            {
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return System.IO.Directory.Exists(data)
                    ? data
                    : throw new DirectoryNotFoundException($"Grid's tests read real data from {data} (../shared/data beside the repository); it is missing.");
            }
        }

        throw new DirectoryNotFoundException($"No Grid.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
