using System.Security.Cryptography;
using Grid.Testing.Processes;

namespace Grid.Testing.Lab;

/// <summary>
/// A Linux network namespace of its own, with only <c>lo</c> (up), so that daemons can own port 179
/// on 127.0.0.x without touching the host's addresses or ports, and so that parallel labs never see
/// each other. The name carries the test host's PID (grid-&lt;pid&gt;-&lt;random&gt;) so a leftover
/// from a crashed run says whose it was. Disposing deletes it; stop its processes first.
/// </summary>
public sealed class NetworkNamespace : IAsyncDisposable
{
    private NetworkNamespace(string name) => Name = name;

    public string Name { get; }

    /// <summary>Where iproute2 keeps the namespace's handle; <see cref="NamespaceSocket"/> opens it for setns(2).</summary>
    public string HandlePath => Path.Combine("/run/netns", Name);

    public static async Task<NetworkNamespace> CreateAsync()
    {
        LabPrerequisites.RequireNamespaces();
        var name = $"grid-{Environment.ProcessId}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}";
        await RunIpAsync("netns", "add", name);
        var created = new NetworkNamespace(name);
        try
        {
            // A new namespace's lo is down; 127.0.0.0/8 is all local once it is up.
            await RunIpAsync("-n", name, "link", "set", "lo", "up");
            return created;
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The command line that runs <paramref name="program"/> inside the namespace. `ip netns exec`
    /// execs the program in place (no fork), so a process started this way has the program's PID.
    /// </summary>
    public IReadOnlyList<string> Wrap(string program, IEnumerable<string> arguments) =>
        ["netns", "exec", Name, program, .. arguments];

    /// <summary>Runs a control program (birdc, gobgp, vtysh) inside the namespace to completion.</summary>
    public Task<CommandResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        ExternalCommand.RunAsync("ip", Wrap(program, arguments), timeout: timeout);

    public async ValueTask DisposeAsync()
    {
        var result = await ExternalCommand.RunAsync("ip", ["netns", "delete", Name]);
        if (result.ExitCode != 0 && File.Exists(HandlePath))
        {
            throw new InvalidOperationException($"Could not delete network namespace {Name}: {result.Output}");
        }
    }

    private static async Task RunIpAsync(params string[] arguments)
    {
        var result = await ExternalCommand.RunAsync("ip", arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"`ip {string.Join(' ', arguments)}` failed: {result.Output.Trim()}");
        }
    }
}
