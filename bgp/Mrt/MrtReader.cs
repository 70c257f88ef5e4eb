using System.Runtime.CompilerServices;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt.Model;
using Grid.Bgp.Mrt.Parser;

namespace Grid.Bgp.Mrt;

/// <summary>
/// Reads an MRT file (RFC 6396) record by record, plain or gzip/bzip2 compressed (told by its first
/// octets), in constant memory. <see cref="Read"/> moves to the next decoded record in
/// <see cref="Current"/> (reused: copy what you keep); problems are collected in <see cref="Errors"/>
/// and never stop reading: a malformed record is skipped by its header length, and a cut-off file
/// ends with a <see cref="MrtErrorKind.Truncated"/> error after everything before the cut.
/// <see cref="ReadNext"/> hands out the errors in stream order instead. For visibility, use
/// <see cref="ReadRouteElements(string)"/>.
/// </summary>
public sealed class MrtReader : IDisposable
{
    private readonly CountingStream _raw;
    private readonly MrtRecordFramer _framer;
    private readonly MrtRecordDecoder _decoder = new();
    private readonly MrtReaderOptions _options;
    private readonly List<MrtError> _errors = [];
    private readonly Queue<MrtError> _pending = new();

    public MrtReader(Stream input, MrtReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        _options = options ?? new MrtReaderOptions();
        _raw = new CountingStream(input, _options.LeaveOpen);
        var decompressed = MrtInput.Decompress(_raw, _options.DecompressInBackground, out var compression);
        Compression = compression;
        _framer = new MrtRecordFramer(decompressed);
    }

    /// <summary>Opens a file. Throws <see cref="FileNotFoundException"/> and the like, as <see cref="File.OpenRead"/> does.</summary>
    public static MrtReader Open(string path, MrtReaderOptions? options = null) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan), options);

    public MrtCompression Compression { get; }

    /// <summary>The record <see cref="Read"/> or <see cref="ReadNext"/> moved to.</summary>
    public MrtEntry Current { get; } = new();

    /// <summary>The error <see cref="ReadNext"/> returned last.</summary>
    public MrtError? LastError { get; private set; }

    /// <summary>Errors met so far (the first <see cref="MrtReaderOptions.MaxKeptErrors"/>).</summary>
    public IReadOnlyList<MrtError> Errors => _errors;

    public long ErrorCount { get; private set; }

    /// <summary>True once the input turned out to end inside a record (or its compression to be cut off).</summary>
    public bool IsTruncated { get; private set; }

    /// <summary>True once the input turned out not to be MRT at all.</summary>
    public bool IsNotMrt { get; private set; }

    public MrtRecordCounts RecordCounts { get; } = new();

    /// <summary>Octets of uncompressed MRT consumed.</summary>
    public long Position => _framer.Position;

    /// <summary>Octets of the (possibly compressed) input read so far, for progress (decompression runs a little ahead).</summary>
    public long InputPosition => _raw.Count;

    /// <summary>The (possibly compressed) input's length, when the stream knows it.</summary>
    public long? InputLength => _raw.KnownLength;

    /// <summary>Moves to the next decoded record; false at the end. Errors on the way go to <see cref="Errors"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        while (true)
        {
            switch (ReadNext())
            {
                case MrtReadResult.Record: return true;
                case MrtReadResult.End: return false;
            }
        }
    }

    /// <summary>Moves to the next record or error: the fallible form of <see cref="Read"/>, which never stops at an error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public MrtReadResult ReadNext()
    {
        if (_pending.TryDequeue(out var pending))
        {
            LastError = pending;
            return MrtReadResult.Error;
        }
        switch (_framer.Next(out var header, out var bodyStart, out var framingError))
        {
            case FrameResult.End:
                return MrtReadResult.End;
            case FrameResult.Error:
                return Fail(framingError!);
        }

        RecordCounts.Add(header.Kind);
        Current.SetBody(_framer.Buffer, bodyStart);
        var reason = _decoder.Decode(header, _framer.Buffer.AsSpan(bodyStart, header.Length), Current);
        if (reason is not null)
        {
            return Fail(new MrtError(MrtErrorKind.MalformedRecord, header.Offset, header.Kind, reason));
        }
        CollectProblems(header);
        return MrtReadResult.Record;
    }

    /// <summary>Every unicast route of the input as a <see cref="RouteElement"/>, in order; errors go to <see cref="Errors"/>.</summary>
    public IEnumerable<RouteElement> RouteElements()
    {
        var extractor = new RouteElementExtractor();
        var batch = new List<RouteElement>();
        while (Read())
        {
            extractor.Extract(Current, batch);
            foreach (var element in batch)
            {
                yield return element;
            }
            batch.Clear();
        }
    }

    /// <summary>Route elements and, in their place in the stream, the errors met: the fallible form of <see cref="RouteElements"/>.</summary>
    public IEnumerable<MrtResult<RouteElement>> RouteElementsAndErrors()
    {
        var extractor = new RouteElementExtractor();
        var batch = new List<RouteElement>();
        MrtReadResult result;
        while ((result = ReadNext()) != MrtReadResult.End)
        {
            if (result == MrtReadResult.Error)
            {
                yield return MrtResult<RouteElement>.Failed(LastError!);
                continue;
            }
            extractor.Extract(Current, batch);
            foreach (var element in batch)
            {
                yield return MrtResult<RouteElement>.Ok(element);
            }
            batch.Clear();
        }
    }

    /// <summary>Streams the route elements of an MRT stream (plain, gzip or bzip2); the stream is disposed at the end.</summary>
    public static IEnumerable<RouteElement> ReadRouteElements(Stream stream)
    {
        using var reader = new MrtReader(stream);
        foreach (var element in reader.RouteElements())
        {
            yield return element;
        }
    }

    /// <summary>Streams the route elements of an MRT file (plain, gzip or bzip2).</summary>
    public static IEnumerable<RouteElement> ReadRouteElements(string path)
    {
        using var reader = Open(path);
        foreach (var element in reader.RouteElements())
        {
            yield return element;
        }
    }

    private MrtReadResult Fail(MrtError error)
    {
        IsTruncated |= error.Kind == MrtErrorKind.Truncated;
        IsNotMrt |= error.Kind == MrtErrorKind.NotMrt;
        Keep(error);
        LastError = error;
        return MrtReadResult.Error;
    }

    private void Keep(MrtError error)
    {
        ErrorCount++;
        if (_errors.Count < _options.MaxKeptErrors)
        {
            _errors.Add(error);
        }
    }

    /// <summary>Tolerated damage inside a decoded record becomes errors that follow the record.</summary>
    private void CollectProblems(in MrtHeader header)
    {
        if (Current.Kind == MrtEntryKind.Rib)
        {
            foreach (var route in Current.Rib.Routes)
            {
                foreach (var problem in route.Attributes.Problems)
                {
                    Queue(header, $"peer {route.Peer}: {problem}");
                }
            }
        }
        else if (Current.Kind == MrtEntryKind.Bgp4mpMessage && Current.Message.MessageType == BgpMessageType.Update
                 && Current.Message.Update.HasProblems)
        {
            foreach (var problem in Current.Message.Update.Problems)
            {
                Queue(header, problem);
            }
        }
    }

    private void Queue(in MrtHeader header, string problem)
    {
        var error = new MrtError(MrtErrorKind.MalformedAttribute, header.Offset, header.Kind, problem);
        Keep(error);
        _pending.Enqueue(error);
    }

    public void Dispose() => _framer.Dispose();
}
