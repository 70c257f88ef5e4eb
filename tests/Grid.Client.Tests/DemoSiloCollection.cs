using Grid.Testing.Silo;

namespace Grid.Client.Tests;

[CollectionDefinition(Name)]
public sealed class DemoSiloCollection : ICollectionFixture<DemoSilo>
{
    public const string Name = "demo silo";
}
