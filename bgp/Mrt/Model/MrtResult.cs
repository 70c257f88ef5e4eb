namespace Grid.Bgp.Mrt.Model;

/// <summary>An item of a fallible stream: a value, or the error met in its place (like bgpkit's fallible iterators).</summary>
public readonly record struct MrtResult<T>(T Value, MrtError? Error)
{
    public bool IsError => Error is not null;

    public static MrtResult<T> Ok(T value) => new(value, null);

    public static MrtResult<T> Failed(MrtError error) => new(default!, error);
}

/// <summary>What <see cref="MrtReader.ReadNext"/> found.</summary>
public enum MrtReadResult
{
    /// <summary><see cref="MrtReader.Current"/> holds the next record.</summary>
    Record,

    /// <summary><see cref="MrtReader.LastError"/> holds a problem; reading can go on.</summary>
    Error,

    /// <summary>No more input.</summary>
    End,
}

/// <summary>How an <see cref="MrtReader"/> reads its input.</summary>
public sealed record MrtReaderOptions
{
    /// <summary>Decompress on another thread, ahead of decoding (default). Turn off to keep everything on the caller's thread.</summary>
    public bool DecompressInBackground { get; init; } = true;

    /// <summary>Leave the stream passed to the reader open when the reader is disposed.</summary>
    public bool LeaveOpen { get; init; }

    /// <summary>How many errors <see cref="MrtReader.Errors"/> keeps (all are counted).</summary>
    public int MaxKeptErrors { get; init; } = 10_000;
}
