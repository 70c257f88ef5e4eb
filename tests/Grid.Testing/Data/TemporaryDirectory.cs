namespace Grid.Testing.Data;

/// <summary>A fresh directory under the system's temp folder, deleted with everything in it on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory(string prefix = "grid-test-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    /// <summary>The path of <paramref name="name"/> inside this directory.</summary>
    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Links a shared data file in under its own name (or <paramref name="name"/>), so a test folder holds just the files it needs without copying them.</summary>
    public string Link(string target, string? name = null)
    {
        var link = PathOf(name ?? System.IO.Path.GetFileName(target));
        File.CreateSymbolicLink(link, target);
        return link;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A test that failed half-way may still hold a file open; the OS cleans temp later.
        }
    }
}
