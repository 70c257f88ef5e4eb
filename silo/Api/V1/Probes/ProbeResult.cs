using Grid.Grains.Geography;

namespace Grid.Silo.Api.V1.Probes;

/// <summary>
/// One vantage point's ping of one address, as the intake keeps it: how many echoes went out, the
/// RTTs of those answered, and the entity the address counts for when the sender says.
/// </summary>
public sealed record ProbeResult(uint Address, DateTimeOffset At, int Sent, IReadOnlyList<double> RttsMs, CountryCode? Country, uint Asn);

/// <summary>An item of a batch the intake refused, by its position in the batch (0-based), and why.</summary>
public sealed record RefusedItem(int Index, string Reason);

/// <summary>What <c>POST /v1/probes/results</c> answers: how many items were kept, and which were refused.</summary>
public sealed record IntakeResponse(int Accepted, IReadOnlyList<RefusedItem> Refused);
