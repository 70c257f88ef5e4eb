using Microsoft.Extensions.Logging;
using Npgsql;

namespace Grid.Runtime.Streams.Durable;

/// <summary>
/// One LISTEN connection per silo for channel <c>grid_stream</c>; each notification's payload
/// names a stream, and wakes this silo's consumers of that stream. After the connection drops,
/// notifications sent meanwhile are lost, so every consumer is woken once it is back.
/// </summary>
internal sealed class StreamNotifications(PostgresStreamLog log, ILogger<StreamNotifications> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<StreamWakeup>> _consumers = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DatabaseOutage _outage = new(logger, "LISTEN " + PostgresStreamLog.Channel);

    /// <summary>Completes once the first LISTEN has succeeded.</summary>
    public Task Listening => _listening.Task;

    public IDisposable Register(StreamId stream, StreamWakeup wakeup)
    {
        var channel = stream.ToString();
        lock (_gate)
        {
            if (!_consumers.TryGetValue(channel, out var list))
            {
                _consumers[channel] = list = [];
            }

            list.Add(wakeup);
        }

        return new Registration(this, channel, wakeup);
    }

    public async Task ListenAsync(CancellationToken stopping)
    {
        var backoff = TimeSpan.Zero;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await log.DataSource.OpenConnectionAsync(stopping).ConfigureAwait(false);
                connection.Notification += (_, e) => Wake(e.Payload);
                await using (var listen = new NpgsqlCommand("LISTEN " + PostgresStreamLog.Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
                }

                _outage.Recovered();
                backoff = TimeSpan.Zero;
                _listening.TrySetResult();
                WakeAll();
                while (true)
                {
                    // A half-open TCP connection would wait forever; a query now and then finds out.
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(30), stopping).ConfigureAwait(false))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _outage.Failed(ex);
                backoff = DatabaseOutage.NextBackoff(backoff);
                try
                {
                    await Task.Delay(backoff, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Wake(string channel)
    {
        StreamWakeup[] woken;
        lock (_gate)
        {
            woken = _consumers.TryGetValue(channel, out var list) ? [.. list] : [];
        }

        foreach (var wakeup in woken)
        {
            wakeup.Set();
        }
    }

    private void WakeAll()
    {
        StreamWakeup[] woken;
        lock (_gate)
        {
            woken = [.. _consumers.Values.SelectMany(l => l)];
        }

        foreach (var wakeup in woken)
        {
            wakeup.Set();
        }
    }

    private void Unregister(string channel, StreamWakeup wakeup)
    {
        lock (_gate)
        {
            if (_consumers.TryGetValue(channel, out var list) && list.Remove(wakeup) && list.Count == 0)
            {
                _consumers.Remove(channel);
            }
        }
    }

    private sealed class Registration(StreamNotifications owner, string channel, StreamWakeup wakeup) : IDisposable
    {
        public void Dispose() => owner.Unregister(channel, wakeup);
    }
}
