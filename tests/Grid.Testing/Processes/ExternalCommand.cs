using System.Diagnostics;
using System.Text;

namespace Grid.Testing.Processes;

/// <summary>Runs a program (a server's tool, or Grid's own executables) to completion and captures its output.</summary>
public static class ExternalCommand
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <paramref name="fileName"/> with standard input closed. When <paramref name="runAsUser"/>
    /// is set and we are root, the command runs as that OS user through runuser(1), because daemons
    /// such as PostgreSQL refuse to run as root. <paramref name="environment"/> adds to (or, with a
    /// null value, removes from) the inherited environment. A command still running after
    /// <paramref name="timeout"/> (default two minutes) is killed, so a hang fails a test instead of CI.
    /// </summary>
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        string? runAsUser = null,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // The other user may not be allowed into the test's own directory.
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (runAsUser is not null && Environment.IsPrivilegedProcess)
        {
            startInfo.FileName = "runuser";
            foreach (var argument in new[] { "-u", runAsUser, "--", fileName })
            {
                startInfo.ArgumentList.Add(argument);
            }
        }
        else
        {
            startInfo.FileName = fileName;
        }
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        var standardOutput = new StringBuilder();
        var standardError = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(standardOutput, e.Data);
        process.ErrorDataReceived += (_, e) => Append(standardError, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"`{fileName} {string.Join(' ', startInfo.ArgumentList)}` did not finish within {timeout ?? DefaultTimeout}.");
        }
        lock (standardOutput)
        {
            lock (standardError)
            {
                return new CommandResult(process.ExitCode, standardOutput.ToString(), standardError.ToString());
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> and keeps its standard output as raw octets (no line or
    /// encoding translation), for tests that compare output byte for byte. Killed after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<BinaryCommandResult> RunCapturingBytesAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        process.Start();
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        using var standardOutput = new MemoryStream();
        try
        {
            var copy = process.StandardOutput.BaseStream.CopyToAsync(standardOutput, deadline.Token);
            var standardError = process.StandardError.ReadToEndAsync(deadline.Token);
            await Task.WhenAll(copy, standardError);
            await process.WaitForExitAsync(deadline.Token);
            return new BinaryCommandResult(process.ExitCode, standardOutput.ToArray(), await standardError);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"`{fileName} {string.Join(' ', startInfo.ArgumentList)}` did not finish within {timeout ?? DefaultTimeout}.");
        }
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
