namespace Grid.Silo.Hosting.Cluster;

/// <summary>
/// Creates the Orleans ADO.NET schema when it is missing, at the silo's first lifecycle stage, so
/// membership, storage, reminders and streams find their tables. Safe when silos start together
/// (<see cref="OrleansPostgresSchema"/> serialises them with an advisory lock).
/// </summary>
internal sealed class OrleansSchemaParticipant(string connectionString, ILogger<OrleansSchemaParticipant> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(OrleansSchemaParticipant),
        ServiceLifecycleStage.First,
        cancellationToken => OrleansPostgresSchema.EnsureCreatedAsync(connectionString, logger, cancellationToken));
}
