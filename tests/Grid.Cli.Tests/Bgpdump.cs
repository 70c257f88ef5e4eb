using Grid.Testing.Processes;

namespace Grid.Cli.Tests;

/// <summary>
/// The reference decoder, bgpdump 1.6.2 as Debian packages it, run as a real process. Tests that
/// compare against it fail (not skip) when it is missing, and say how to install it.
/// </summary>
internal static class Bgpdump
{
    private static readonly Lazy<string?> Location = new(() => (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
        .Split(Path.PathSeparator)
        .Select(directory => Path.Combine(directory, "bgpdump"))
        .FirstOrDefault(File.Exists));

    public static string PathOrFail => Location.Value ?? throw new InvalidOperationException(
        "bgpdump is not installed, and the MRT tests compare grid against it: run `apt-get install bgpdump` "
        + "(Debian 12, bgpdump 1.6.2), or `sudo bash .ci/run`, which installs it.");

    /// <summary>`bgpdump -m FILE`; its standard error only says "logging to syslog", its diagnostics go to syslog.</summary>
    public static Task<BinaryCommandResult> DumpAsync(string file) =>
        ExternalCommand.RunCapturingBytesAsync(PathOrFail, ["-m", file], TimeSpan.FromMinutes(2));
}
