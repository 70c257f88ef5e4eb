namespace Grid.Silo.Hosting;

/// <summary>
/// Grid's own command-line switches, rewritten into configuration keys before the host reads
/// them, so that every setting still has one name whichever way it is given:
/// <c>--mrt FILE…</c> → <c>Grid:Feeds:Mrt:Files:N</c>, <c>--mrt-speed X</c> → <c>Grid:Feeds:Mrt:Speed</c>,
/// <c>--demo</c> → <c>Grid:Demo:Enabled</c>.
/// Everything else passes through (<c>--urls</c>, <c>--Grid:…=…</c>).
/// </summary>
public static class GridCommandLine
{
    /// <summary>Rewrites <paramref name="args"/>; on a usage error returns false with a message that says what to type.</summary>
    public static bool TryNormalize(string[] args, out string[] normalized, out string? error)
    {
        try
        {
            normalized = Normalize(args);
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            normalized = args;
            error = ex.Message;
            return false;
        }
    }

    public static string[] Normalize(string[] args)
    {
        var result = new List<string>(args.Length);
        var files = 0;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--mrt":
                    while (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        result.Add($"--Grid:Feeds:Mrt:Files:{files++}={args[++i]}");
                    }

                    if (files == 0)
                    {
                        throw new ArgumentException("--mrt needs at least one file: --mrt rib.20110127.gz updates.20110127.*.gz");
                    }

                    break;
                case "--demo":
                    result.Add("--Grid:Demo:Enabled=true");
                    break;
                case "--mrt-speed" when i + 1 < args.Length:
                    result.Add($"--Grid:Feeds:Mrt:Speed={args[++i]}");
                    break;
                default:
                    result.Add(args[i]);
                    break;
            }
        }

        return [.. result];
    }
}
