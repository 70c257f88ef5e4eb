using System.Runtime.InteropServices;

namespace Grid.Cli.Hosting;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM cancel the running command's token, and the command decides its
/// exit status: `grid watch` ends with 0, since stopping is how a watch ends. A command that does
/// not stop within <see cref="Grace"/> is ended with the shell's 128 + signal number.
/// </summary>
internal sealed class Termination : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    public Termination()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, 128 + 2)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, 128 + 15)),
        ];
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void Stop(PosixSignalContext context, int exitCode)
    {
        context.Cancel = true;
        if (_stop.IsCancellationRequested)
        {
            Environment.Exit(exitCode); // a second signal: the user means it
        }

        _stop.Cancel();
        _ = Task.Delay(Grace).ContinueWith(_ => Environment.Exit(exitCode), TaskScheduler.Default);
    }
}
