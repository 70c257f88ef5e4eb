using System.IO.Compression;
using System.Net;
using FsCheck.Fluent;
using Grid.Bgp.Bmp;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt;
using Grid.Bgp.Session.ErrorHandling;
using Grid.Bgp.Tests.Bmp;
using Grid.Testing.Data;
using Grid.Testing.Fuzzing;
using ICSharpCode.SharpZipLib.BZip2;
using Xunit.Abstractions;

namespace Grid.Bgp.Tests.Fuzzing;

/// <summary>
/// The fuzzing pass over the wire decoders (issue 21, item 10): random octets and mutated real
/// payloads (BGP messages from RouteViews' and RIS's MRT archives, BMP captures of GoBGP and FRR,
/// the MRT archives themselves) never crash a decoder or hang it past a second. The only exceptions
/// allowed are the documented ones: <see cref="BgpMessageError"/> (a message a session must answer
/// with a NOTIFICATION, RFC 4271 §6) and <see cref="BmpFramingException"/> (a broken BMP common
/// header); the MRT reader reports damage as errors and throws nothing. Cases: see <see cref="FuzzBudget"/>.
/// </summary>
public sealed class DecoderFuzzTests(ITestOutputHelper output)
{
    private static readonly BgpDecodeContext[] Contexts =
    [
        new(FourOctetAsn: false),
        new(FourOctetAsn: true),
        new(FourOctetAsn: true, AddPathFamilies.All),
        new(FourOctetAsn: false, AddPathFamilies.IPv4Unicast),
    ];

    private static readonly Lazy<List<(string, byte[])>> MrtSeeds = new(() =>
        [.. Directory.GetFiles(SharedData.MrtDirectory).Order(StringComparer.Ordinal).Select(path => (Path.GetFileName(path), Head(path, 16 * 1024)))]);

    private static readonly Lazy<List<(string, byte[])>> BgpSeeds = new(() => [.. MrtSeeds.Value.SelectMany(seed => BgpMessagesOf(seed.Item1, seed.Item2)).Take(400)]);

    /// <summary>Windows of about 16 KB of each capture, cut between messages: the opening one holds the Initiation and Peer Ups.</summary>
    private static readonly Lazy<List<(string, byte[])>> BmpSeeds = new(() =>
        [.. new[] { "gobgp-prepolicy.bmp.gz", "frr-prepolicy.bmp.gz" }.SelectMany(name => Windows(name, BmpCaptureTests.Capture(name), 16 * 1024))]);

    private static int _refusals;

    [Fact]
    public void BgpMessagesNeverCrashOrHangTheDecoders()
    {
        _refusals = 0;
        FsCheck.Check.One(FuzzBudget.Config(FuzzBudget.PerTarget, 1), Prop.ForAll(FuzzInput.Of(BgpSeeds.Value, 4096).ToArbitrary(), (Action<FuzzInput>)(input =>
            FuzzCase.Run(input, DecodeBgp))));
        output.WriteLine($"{FuzzBudget.PerTarget} cases from {BgpSeeds.Value.Count} real messages; {_refusals} refusals with BgpMessageError (header, OPEN, NOTIFICATION, ROUTE-REFRESH)");
        Assert.True(BgpSeeds.Value.Count > 100, $"only {BgpSeeds.Value.Count} BGP messages found in the MRT archives");
    }

    [Fact]
    public void BmpStreamsNeverCrashOrHangTheReader()
    {
        var documented = 0;
        FsCheck.Check.One(FuzzBudget.Config(FuzzBudget.PerTarget, 2), Prop.ForAll(FuzzInput.Of(BmpSeeds.Value, 4096).ToArbitrary(), (Action<FuzzInput>)(input =>
            documented += FuzzCase.Run(input, octets => BmpRead.All(octets, chunk: 1 + (octets.Length % 1500)), typeof(BmpFramingException)) ? 1 : 0)));
        output.WriteLine($"{FuzzBudget.PerTarget} cases; {documented} ended with BmpFramingException");
    }

    [Fact]
    public void MrtArchivesNeverCrashOrHangTheReader()
    {
        long elements = 0, errors = 0;
        FsCheck.Check.One(FuzzBudget.Config(FuzzBudget.PerTarget, 3), Prop.ForAll(FuzzInput.Of(MrtSeeds.Value, 16384).ToArbitrary(), (Action<FuzzInput>)(input =>
            FuzzCase.Run(input, octets =>
            {
                using var reader = new MrtReader(new MemoryStream(octets));
                foreach (var result in reader.RouteElementsAndErrors())
                {
                    _ = result.IsError ? Interlocked.Increment(ref errors) : Interlocked.Increment(ref elements);
                }
            }))));
        output.WriteLine($"{FuzzBudget.PerTarget} cases from {MrtSeeds.Value.Count} archives: {elements:N0} route elements, {errors:N0} errors reported");
        Assert.True(elements > 0 && errors > 0, "the cases reached neither routes nor errors");
    }

    /// <summary>What a session does with a message it receives, plus each decoder on the body whatever the header says.</summary>
    private static void DecodeBgp(byte[] message)
    {
        var body = message.Length > BgpMessageHeader.Size ? message.AsSpan(BgpMessageHeader.Size) : [];
        // A session checks a header once it holds 19 octets (fewer is its own "read more", an ArgumentException).
        if (message.Length >= BgpMessageHeader.Size)
        {
            try
            {
                var header = BgpMessageFraming.CheckHeader(message, extendedMessage: message[0] % 2 == 1);
                body = message.AsSpan(BgpMessageHeader.Size, Math.Min(header.Length, message.Length) - BgpMessageHeader.Size);
            }
            catch (BgpMessageError)
            {
                // A session closes here; the decoders below still must not crash on such a body.
                Interlocked.Increment(ref _refusals);
            }
        }

        var update = new BgpUpdate();
        var routes = new List<RouteElement>();
        foreach (var context in Contexts)
        {
            var verdict = UpdateChecker.Check(body, context);
            BgpUpdateDecoder.Decode(body, context, update);
            _ = update.IsEndOfRib(out _, out _);
            _ = update.Problems.Count();
            UpdateRouteElements.Add(update, DateTimeOffset.UnixEpoch, IPAddress.Loopback, 64500, routes, verdict.WithdrawsAnnouncements);
            routes.Clear();
        }

        var copy = body.ToArray();
        Decode(() => BgpOpen.Decode(copy).View.ToString() ?? "");
        Decode(() => BgpNotification.Decode(copy).TryGetShutdownCommunication(out _).ToString());
        Decode(() => BgpRouteRefresh.Decode(copy).ToString() ?? "");
    }

    /// <summary>Runs one decoder: its documented refusal (BgpMessageError) ends it, anything else fails the case.</summary>
    private static void Decode(Func<string> decoder)
    {
        try
        {
            _ = decoder();
        }
        catch (BgpMessageError)
        {
            Interlocked.Increment(ref _refusals);
        }
    }

    /// <summary>The BGP messages inside an MRT archive's BGP4MP records: from each 16-octet marker (RFC 4271 §4.1) on.</summary>
    private static IEnumerable<(string, byte[])> BgpMessagesOf(string name, byte[] mrt)
    {
        using var reader = new MrtReader(new MemoryStream(mrt));
        var found = new List<(string, byte[])>();
        while (reader.Read() && found.Count < 60)
        {
            var body = reader.Current.Body;
            var marker = body.IndexOf(Marker);
            if (marker >= 0)
            {
                found.Add(($"{name}@{reader.Current.Header.Offset}", body[marker..].ToArray()));
            }
        }

        return found;
    }

    /// <summary>Pieces of a BMP stream of about <paramref name="size"/> octets, cut where messages start (the common header's length, RFC 7854 §4.1).</summary>
    private static IEnumerable<(string, byte[])> Windows(string name, byte[] stream, int size)
    {
        var start = 0;
        var offset = 0;
        while (offset + 6 <= stream.Length)
        {
            var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(stream.AsSpan(offset + 1));
            offset += Math.Max(6, length);
            if (offset - start >= size || offset >= stream.Length)
            {
                yield return ($"{name}@{start}", stream[start..Math.Min(offset, stream.Length)]);
                start = offset;
            }
        }
    }

    private static ReadOnlySpan<byte> Marker => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    /// <summary>The first <paramref name="limit"/> octets of an archive, uncompressed (gzip, bzip2 or plain).</summary>
    private static byte[] Head(string path, int limit)
    {
        using var file = File.OpenRead(path);
        using Stream input = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress)
            : path.EndsWith(".bz2", StringComparison.Ordinal) ? new BZip2InputStream(file)
            : file;
        var head = new byte[limit];
        var read = 0;
        int n;
        while (read < limit && (n = input.Read(head, read, limit - read)) > 0)
        {
            read += n;
        }

        return head[..read];
    }
}
