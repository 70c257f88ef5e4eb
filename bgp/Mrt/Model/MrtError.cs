namespace Grid.Bgp.Mrt.Model;

/// <summary>What went wrong where, so a reader can report it and go on (RFC 6396 gives each record its length, so one bad record costs only itself).</summary>
public enum MrtErrorKind
{
    /// <summary>The record could not be decoded and was skipped; reading continued with the next record.</summary>
    MalformedRecord,

    /// <summary>The record was decoded, but part of it (an attribute, a length) was damaged and tolerated.</summary>
    MalformedAttribute,

    /// <summary>The input ends inside a record, or the compressed stream is cut off or corrupt: nothing follows.</summary>
    Truncated,

    /// <summary>The record's length exceeds what any MRT writer produces; it was skipped unread.</summary>
    RecordTooLarge,

    /// <summary>The first record's header is not an MRT header: the input is not MRT.</summary>
    NotMrt,
}

/// <summary>A decode problem: its kind, the record it concerns (offset in the uncompressed stream) and why.</summary>
public sealed record MrtError(MrtErrorKind Kind, long Offset, MrtRecordKind Record, string Reason)
{
    /// <summary>True when the record's content is lost (skipped, cut off); false when it was decoded despite the problem.</summary>
    public bool RecordLost => Kind != MrtErrorKind.MalformedAttribute;

    /// <summary>"offset N: KIND: reason", without the kind when the header that names it was not read.</summary>
    public override string ToString() => Record == default ? $"offset {Offset}: {Reason}" : $"offset {Offset}: {Record.Name}: {Reason}";
}
