using System.Net;
using System.Net.Sockets;
using Grid.Bgp.Bmp;
using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Tests.Lab;

/// <summary>
/// A monitoring station for lab tests: reads one router's BMP connection with <see cref="BmpReader"/>
/// in the background and keeps, per peer and table, the routes it holds, every withdrawal, and
/// every message other than route monitoring, for tests to poll.
/// </summary>
internal sealed class BmpRecording : IAsyncDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<(IPAddress Peer, BmpRib Rib), Dictionary<Prefix, RouteElement>> _tables = [];
    private readonly Dictionary<(IPAddress Peer, BmpRib Rib), HashSet<Prefix>> _withdrawn = [];
    private readonly List<BmpMessage> _messages = [];
    private readonly List<(BmpPeer Peer, BgpFamily Family)> _endsOfRib = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Socket _connection;
    private readonly Task _reading;
    private long _elements;
    private Exception? _failure;

    public BmpRecording(Socket connection)
    {
        _connection = connection;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>The routes <paramref name="peer"/>'s <paramref name="rib"/> holds now, by prefix.</summary>
    public Dictionary<Prefix, RouteElement> Table(IPAddress peer, BmpRib rib = BmpRib.AdjRibInPrePolicy)
    {
        lock (_lock)
        {
            return _tables.TryGetValue((peer, rib), out var table) ? new(table) : [];
        }
    }

    /// <summary>Prefixes withdrawn from the table since <see cref="ForgetWithdrawals"/>.</summary>
    public HashSet<Prefix> Withdrawn(IPAddress peer, BmpRib rib = BmpRib.AdjRibInPrePolicy)
    {
        lock (_lock)
        {
            return _withdrawn.TryGetValue((peer, rib), out var withdrawn) ? [.. withdrawn] : [];
        }
    }

    public void ForgetWithdrawals()
    {
        lock (_lock)
        {
            _withdrawn.Clear();
        }
    }

    /// <summary>Every message but route monitoring, in order.</summary>
    public List<BmpMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    public List<(BmpPeer Peer, BgpFamily Family)> EndsOfRib
    {
        get
        {
            lock (_lock)
            {
                return [.. _endsOfRib];
            }
        }
    }

    public IReadOnlyCollection<BmpRib> Ribs(IPAddress peer)
    {
        lock (_lock)
        {
            return [.. _tables.Keys.Where(key => key.Peer.Equals(peer)).Select(key => key.Rib)];
        }
    }

    public long ElementCount => Interlocked.Read(ref _elements);

    /// <summary>For timeout messages: each table's size, and the session messages.</summary>
    public string Summary()
    {
        lock (_lock)
        {
            var tables = _tables.Select(pair => $"{pair.Key.Peer} {pair.Key.Rib}: {pair.Value.Count}");
            var sessions = _messages.Where(message => message is BmpPeerUp or BmpPeerDown or BmpMalformed).Select(message => message switch
            {
                BmpPeerUp up => $"@{up.Offset} up {up.Peer}",
                BmpPeerDown down => $"@{down.Offset} down {down.Peer} {down.Text}",
                _ => message.ToString(),
            });
            var kinds = _messages.GroupBy(message => message.GetType().Name).Select(group => $"{group.Count()} {group.Key}");
            return $"{ElementCount} elements; tables [{string.Join(", ", tables)}]; [{string.Join(", ", sessions)}]; {string.Join(", ", kinds)}";
        }
    }

    /// <summary>Why reading stopped early, if it did: the test fails with it.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _connection.Dispose();
        try
        {
            await _reading;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        var elements = new List<RouteElement>();
        try
        {
            await using var reader = new BmpReader(new NetworkStream(_connection, ownsSocket: false));
            await foreach (var message in reader.ReadAsync(_stop.Token))
            {
                lock (_lock)
                {
                    if (message is BmpRouteMonitoring routes)
                    {
                        elements.Clear();
                        routes.AddRouteElements(elements);
                        Apply(routes.Peer, elements);
                        if (routes.EndOfRib is { } family)
                        {
                            _endsOfRib.Add((routes.Peer, family));
                        }
                    }
                    else
                    {
                        _messages.Add(message);
                        if (message is BmpPeerDown down)
                        {
                            // RFC 7854 §4.9: the peer's routes are gone with its session.
                            foreach (var key in _tables.Keys.Where(key => key.Peer.Equals(down.Peer.Address)).ToList())
                            {
                                _tables.Remove(key);
                            }
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or BmpFramingException)
        {
            if (!_stop.IsCancellationRequested)
            {
                Volatile.Write(ref _failure, e);
            }
        }
    }

    private void Apply(BmpPeer peer, List<RouteElement> elements)
    {
        var key = (peer.Address, peer.Rib);
        if (!_tables.TryGetValue(key, out var table))
        {
            _tables[key] = table = [];
        }
        if (!_withdrawn.TryGetValue(key, out var withdrawn))
        {
            _withdrawn[key] = withdrawn = [];
        }
        foreach (var element in elements)
        {
            if (element.Action == RouteAction.Announce)
            {
                table[element.Prefix] = element;
            }
            else
            {
                table.Remove(element.Prefix);
                withdrawn.Add(element.Prefix);
            }
        }
        Interlocked.Add(ref _elements, elements.Count);
    }
}
