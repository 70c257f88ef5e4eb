// Orleans hosts the grains: IGrainFactory, ISiloBuilder, lifecycle participants.
global using Orleans;
global using Orleans.Hosting;
global using Orleans.Runtime;
