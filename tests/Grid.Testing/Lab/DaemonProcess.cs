using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grid.Testing.Processes;

namespace Grid.Testing.Lab;

/// <summary>
/// One daemon running in the foreground inside a <see cref="NetworkNamespace"/>. Its console output
/// is kept (the last lines) next to its own log file, so a failure can show what the daemon said.
/// It is stopped by its own PID only: SIGTERM, then SIGKILL if it lingers.
/// </summary>
public sealed class DaemonProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private DaemonProcess(string name, Process process, string? logFile)
    {
        Name = name;
        _process = process;
        LogFile = logFile;
    }

    /// <summary>What the lab calls it in messages, e.g. "GoBGP collector 127.0.0.3".</summary>
    public string Name { get; }

    /// <summary>The file the daemon logs to, when its configuration names one.</summary>
    public string? LogFile { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static DaemonProcess Start(
        string name, NetworkNamespace ns, string program, IEnumerable<string> arguments, string workingDirectory, string? logFile = null)
    {
        var startInfo = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in ns.Wrap(LabPrerequisites.Require(program), arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var daemon = new DaemonProcess(name, process, logFile);
        process.OutputDataReceived += (_, e) => daemon.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => daemon.Keep(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return daemon;
    }

    /// <summary>The end of the daemon's log file and console output, for error messages.</summary>
    public string Tail(int lines = 30)
    {
        var parts = new List<string>();
        if (LogFile is not null && File.Exists(LogFile))
        {
            parts.Add($"--- {LogFile} (last {lines} lines)\n" + string.Join('\n', ReadLastLines(LogFile, lines)));
        }
        var console = _output.TakeLast(lines).ToList();
        if (console.Count > 0)
        {
            parts.Add($"--- console (last {lines} lines)\n" + string.Join('\n', console));
        }
        if (_process.HasExited)
        {
            parts.Add($"--- exited with code {_process.ExitCode}");
        }
        return parts.Count == 0 ? "(the daemon has written nothing yet)" : string.Join('\n', parts);
    }

    /// <summary>An exception naming this daemon, with <paramref name="problem"/> and the daemon's log tail.</summary>
    public InvalidOperationException Failure(string problem) => new($"{Name}: {problem}\n{Tail()}");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await ExternalCommand.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
                using var deadline = new CancellationTokenSource(GracefulStop);
                try
                {
                    await _process.WaitForExitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill();
                    await _process.WaitForExitAsync();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the signal.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > KeptLines)
        {
            _output.TryDequeue(out _);
        }
    }

    // Log files can grow large (a big table logs per route in some daemons); read only the end.
    private static IEnumerable<string> ReadLastLines(string path, int lines)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(Math.Max(0, stream.Length - (lines * 400)), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines).ToList();
    }
}
