using System.Collections.Concurrent;
using System.Diagnostics;
using Grid.Testing.Lab;
using Grid.Testing.Processes;

namespace Grid.Testing.Silo;

/// <summary>
/// A real Grid silo process (the Grid.Silo app host next to the test assembly), on a free loopback
/// port, with its console output captured. Dispose stops it with SIGTERM, as Kubernetes does.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private string? _evidence;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, Uri baseAddress, NetworkNamespace? ns)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient(Handler(ns)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>Every line the silo printed so far, stdout and stderr interleaved.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The silo's PID (also inside a namespace: `ip netns exec` execs in place).</summary>
    public int Id => _process.Id;

    /// <summary>
    /// Starts the silo with <paramref name="arguments"/> and <paramref name="environment"/>, and waits
    /// until <c>/healthz</c> answers. Unless the arguments name <c>--urls</c>, a free port is chosen.
    /// </summary>
    public static Task<SiloProcess> StartAsync(IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        StartAsync(arguments, environment, ns: null);

    /// <summary>
    /// The same, with the silo inside <paramref name="ns"/> (through <c>ip netns exec</c>), so that it
    /// sees only that namespace's links and routes; <see cref="Http"/> reaches it over sockets opened there.
    /// </summary>
    /// <remarks>
    /// <paramref name="launcher"/> is a command that execs the silo in place, such as
    /// <c>setpriv --bounding-set -net_raw --</c> to start it without a capability.
    /// </remarks>
    public static Task<SiloProcess> StartAsync(IEnumerable<string>? arguments, IReadOnlyDictionary<string, string?>? environment, NetworkNamespace? ns, IReadOnlyList<string>? launcher = null)
    {
        var args = arguments?.ToList() ?? [];
        var urlsIndex = args.IndexOf("--urls");
        if (urlsIndex >= 0)
        {
            return StartAsync(args, environment, new Uri(args[urlsIndex + 1]), ns, launcher);
        }

        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackPort.FindFree()}");
        args.AddRange(["--urls", baseAddress.ToString()]);
        return StartAsync(args, environment, baseAddress, ns, launcher);
    }

    /// <summary>Inside a lab's namespace, where the silo peers with the lab's daemons on 127.0.0.x.</summary>
    public static Task<SiloProcess> StartInNamespaceAsync(NetworkNamespace ns, IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return StartAsync(arguments, environment, ns);
    }

    /// <summary>Starts the silo exactly as <c>dotnet run --project silo</c> would: no URL given, so the default applies.</summary>
    public static Task<SiloProcess> StartWithoutUrlsAsync(IReadOnlyDictionary<string, string?>? environment = null)
    {
        var env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["ASPNETCORE_URLS"] = null,
            ["ASPNETCORE_HTTP_PORTS"] = null,
            ["DOTNET_URLS"] = null,
        };
        return StartAsync([], env, new Uri("http://127.0.0.1:5080"), ns: null);
    }

    private static async Task<SiloProcess> StartAsync(List<string> args, IReadOnlyDictionary<string, string?>? environment, Uri baseAddress, NetworkNamespace? ns, IReadOnlyList<string>? launcher = null)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "Grid.Silo");
        if (launcher is { Count: > 0 })
        {
            args = [.. launcher.Skip(1), executable, .. args];
            executable = launcher[0];
        }

        if (ns is not null)
        {
            // `ip netns exec` execs the silo in place, so the process keeps its PID and gets SIGTERM.
            args = [.. ns.Wrap(executable, args)];
            executable = LabPrerequisites.Require("ip");
        }

        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        args.ForEach(startInfo.ArgumentList.Add);

        // Tests stay hermetic: no daily RIR download unless the test configures one.
        var settings = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>());
        if (!settings.Keys.Any(k => k.StartsWith("Grid__Geo__Refresh__", StringComparison.Ordinal)))
        {
            settings["Grid__Geo__Refresh__Enabled"] = "false";
        }

        // Each silo keeps its evidence (key, log, bundles) in a folder of its own, removed with it,
        // unless the test chose one (to restart on it, or to read it).
        string? evidence = null;
        if (!settings.ContainsKey("Grid__Evidence__Dir"))
        {
            evidence = Directory.CreateTempSubdirectory("grid-test-evidence-").FullName;
            settings["Grid__Evidence__Dir"] = evidence;
        }

        // Every silo binds Orleans' silo and gateway ports, even alone: each test's silo gets its own,
        // unless it runs as `dotnet run` would (Orleans' defaults) or the test chose them.
        if (baseAddress.Port != 5080)
        {
            foreach (var key in new[] { "Grid__Cluster__SiloPort", "Grid__Cluster__GatewayPort" })
            {
                if (!settings.ContainsKey(key) && !args.Any(a => a.StartsWith("--" + key.Replace("__", ":", StringComparison.Ordinal), StringComparison.Ordinal)))
                {
                    settings[key] = LoopbackPort.FindFree().ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        foreach (var (name, value) in settings)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo };
        var silo = new SiloProcess(process, baseAddress, ns) { _evidence = evidence };
        process.OutputDataReceived += (_, e) => silo.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Capture(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await silo.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
            await silo.WaitUntilActiveAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            // A silo that did not come up must not outlive the test: on a loaded machine such
            // leftovers were still running minutes after their run had failed.
            await silo.DisposeAsync();
            throw;
        }
        return silo;
    }

    /// <summary>Waits until a printed line satisfies <paramref name="match"/>.</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = _output.FirstOrDefault(match);
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The silo printed no matching line within {timeout}. It printed:\n{string.Join('\n', _output)}");
    }

    /// <summary>Kills the process at once (SIGKILL, as <c>kill -9</c>): no shutdown code runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>Sends SIGTERM and waits for a graceful exit; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        if (!_process.HasExited)
        {
            await ExternalCommand.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(deadline.Token);
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        Http.Dispose();
        _process.Dispose();
        if (_evidence is not null && Directory.Exists(_evidence))
        {
            Directory.Delete(_evidence, recursive: true);
        }
    }

    private static SocketsHttpHandler Handler(NetworkNamespace? ns)
    {
        var handler = new SocketsHttpHandler();
        if (ns is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = ns.CreateTcpSocket();
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return handler;
    }

    private void Capture(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitUntilLiveAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // Without a timeout, WaitForExit also waits for the output handlers to reach the end
                // of both streams: the last lines (the reason it exited) may still be in flight.
                _process.WaitForExit();
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before it served /healthz. It printed:\n{string.Join('\n', _output)}");
            }

            try
            {
                using var response = await Http.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The silo did not serve /healthz within {timeout}. It printed:\n{string.Join('\n', _output)}");
    }

    /// <summary>
    /// The API answers before the Orleans silo behind it is active (they start side by side): waits
    /// until the silo says so in its log, unless it waits for a database it cannot reach, which some
    /// tests ask for on purpose (they read /readyz themselves).
    /// </summary>
    private async Task WaitUntilActiveAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (_output.Any(l => l.Contains("Grain runtime ready", StringComparison.Ordinal) || l.Contains("The silo waits for its database", StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(50);
        }
    }
}
