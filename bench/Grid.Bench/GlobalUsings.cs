// Orleans is the grain runtime the benchmarks measure: Grain, IGrainWith*Key, IGrainFactory, streams.
global using Orleans;
global using Orleans.Runtime;
