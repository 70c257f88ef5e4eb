namespace Grid.Silo.Tests.Intake;

/// <summary>The intake test classes share one silo (<see cref="IntakeSilo"/>): each is seconds of work, a silo's start is more.</summary>
[CollectionDefinition(Name)]
public sealed class IntakeSiloCollection : ICollectionFixture<IntakeSilo>
{
    public const string Name = "intake silo";
}
