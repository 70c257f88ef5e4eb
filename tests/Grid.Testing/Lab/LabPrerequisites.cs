namespace Grid.Testing.Lab;

/// <summary>
/// Finds the daemons and tools the lab runs, and fails with what to do when one is missing. Tests
/// that need them fail rather than skip: a silently skipped interop test looks like a passing one.
/// </summary>
public static class LabPrerequisites
{
    public const string InstallHint =
        "run `sudo bash .ci/run` (installs everything the tests need) or " +
        "`apt-get install -y --no-install-recommends bird2 gobgpd frr bgpdump iproute2`";

    // Debian puts bird and ip in /usr/sbin, which a non-login root shell may not have on its PATH,
    // and FRR's daemons in /usr/lib/frr, which is never on it.
    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/sbin", "/usr/lib/frr"];

    /// <summary>The full path of <paramref name="program"/>, or an exception that says how to install it.</summary>
    public static string Require(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var found = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraDirectories)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException($"`{program}` not found: {InstallHint}.");
    }

    /// <summary>Network namespaces need root (CAP_SYS_ADMIN) and iproute2.</summary>
    public static void RequireNamespaces()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                "The BGP lab creates network namespaces, which needs root: run the tests as root, e.g. `sudo bash .ci/run`.");
        }
        Require("ip");
    }
}
