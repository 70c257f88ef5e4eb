namespace Grid.Testing.Postgres;

/// <summary>Where the PostgreSQL server programs (initdb, pg_ctl) live on this machine.</summary>
internal static class PostgresBinaries
{
    /// <summary>
    /// Debian keeps each major version in /usr/lib/postgresql/&lt;major&gt;/bin, off the PATH;
    /// other systems put initdb on the PATH. Returns null when neither has it.
    /// </summary>
    public static string? FindBinDirectory()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Where(dir => IsProgram(Path.Combine(dir, "bin", "initdb")))
                .Select(dir => (Dir: dir, Major: int.TryParse(Path.GetFileName(dir), out var major) ? major : -1))
                .OrderByDescending(candidate => candidate.Major)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return Path.Combine(newest.Dir, "bin");
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => IsProgram(Path.Combine(dir, "initdb")) && IsProgram(Path.Combine(dir, "pg_ctl")));
    }

    // Some machines link initdb into /usr/local/bin; a link whose target is gone is no program.
    private static bool IsProgram(string path)
    {
        var file = new FileInfo(path);
        return file.LinkTarget is null ? file.Exists : file.ResolveLinkTarget(returnFinalTarget: true)?.Exists == true;
    }
}
