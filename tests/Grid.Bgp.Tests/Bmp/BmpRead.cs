using Grid.Bgp.Bmp;
using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Model;

namespace Grid.Bgp.Tests.Bmp;

/// <summary>A message as read, with its route elements taken before the reader moved on.</summary>
internal sealed record ReadMessage(BmpMessage Message, List<RouteElement> Elements);

internal static class BmpRead
{
    public static async Task<List<ReadMessage>> AllAsync(byte[] stream, TimeProvider? clock = null, int chunk = int.MaxValue)
    {
        await using var reader = new BmpReader(new ChunkedStream(stream, chunk), clock: clock);
        var read = new List<ReadMessage>();
        await foreach (var message in reader.ReadAsync())
        {
            read.Add(new ReadMessage(message, message is BmpRouteMonitoring routes ? routes.RouteElements() : []));
        }
        return read;
    }

    public static List<ReadMessage> All(byte[] stream, TimeProvider? clock = null, int chunk = int.MaxValue) =>
        AllAsync(stream, clock, chunk).GetAwaiter().GetResult();
}

/// <summary>Hands out at most <c>chunk</c> octets per read, as a slow TCP connection does.</summary>
internal sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data, writable: false)
{
    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
}

/// <summary>A clock that always says <see cref="Now"/>.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
