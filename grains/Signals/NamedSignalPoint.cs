namespace Grid.Grains.Signals;

/// <summary>A point of a signal given by name (<c>answers</c>, <c>probes</c>) at its event time: what <c>POST /v1/signals</c> sends an entity.</summary>
[GenerateSerializer, Immutable, Alias("grid.NamedSignalPoint")]
public readonly record struct NamedSignalPoint([property: Id(0)] DateTimeOffset At, [property: Id(1)] string Signal, [property: Id(2)] long Value);
