namespace Grid.Runtime.State;

public static class GrainStorageNames
{
    /// <summary>The provider chosen by configuration: memory, or PostgreSQL when Grid:Storage:Postgres is set.</summary>
    public const string Default = "Default";
}
