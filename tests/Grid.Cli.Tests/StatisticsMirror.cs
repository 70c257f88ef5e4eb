using System.Net;
using Grid.Testing.Processes;

namespace Grid.Cli.Tests;

/// <summary>
/// A real HTTP server on a loopback port, standing in for a mirror of the RIRs' statistics
/// files: each path answers with a file, a status code, or a body cut off half-way.
/// </summary>
internal sealed class StatisticsMirror : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Dictionary<string, Func<HttpListenerResponse, Task>> _answers = new(StringComparer.Ordinal);
    private readonly Task _serving;

    public StatisticsMirror()
    {
        // Another process may take the free port before we bind it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.FindFree();
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/rir/");
            try
            {
                _listener.Start();
                Url = new Uri($"http://127.0.0.1:{port}/rir/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                _listener.Close();
            }
        }

        _serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>Paths requested so far, in order.</summary>
    public List<string> Requests { get; } = [];

    public void Serve(string name, string file) => _answers[name] = async response =>
    {
        var bytes = await File.ReadAllBytesAsync(file);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    };

    public void Fail(string name, HttpStatusCode status) => _answers[name] = response =>
    {
        response.StatusCode = (int)status;
        response.Close();
        return Task.CompletedTask;
    };

    /// <summary>Promises the whole file, sends its first half, then drops the connection.</summary>
    public void BreakOffHalfWay(string name, string file) => _answers[name] = async response =>
    {
        var bytes = await File.ReadAllBytesAsync(file);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        await response.OutputStream.FlushAsync();
        response.Abort();
    };

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var name = context.Request.Url!.Segments[^1];
            lock (Requests)
            {
                Requests.Add(name);
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await (_answers.TryGetValue(name, out var answer) ? answer : NotFound)(context.Response);
                }
                catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException)
                {
                    // The client gave up first; nothing to answer.
                }
            });
        }
    }

    private static Task NotFound(HttpListenerResponse response)
    {
        response.StatusCode = 404;
        response.Close();
        return Task.CompletedTask;
    }
}
