using Grid.Testing.Lab;

namespace Grid.Bench.Sessions;

/// <summary>What the withdrawal benchmark measured, for Grid and for the BIRD stand-in in the same rounds.</summary>
internal sealed record WithdrawalLatency(LatencySamples Grid, LatencySamples StandIn, TimeSpan GridPollPeriod, TimeSpan StandInPollPeriod, CountryPrefixSet Set);
