namespace Grid.Silo.Api.V1.Probes;

/// <summary>An item as a sender wrote it, before the intake checks it: address text, time, counts, RTTs, entity.</summary>
internal readonly record struct RawProbeResult(
    string Address,
    DateTimeOffset At,
    double Sent,
    double Received,
    IReadOnlyList<double> RttsMs,
    string? Country,
    string? Asn);
