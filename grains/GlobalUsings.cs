// Orleans is the grain runtime: Grain, IGrainWith*Key, IPersistentState<T>, attributes and streams.
global using Orleans;
global using Orleans.Runtime;
