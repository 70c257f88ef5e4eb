using Grid.Testing.Silo;

namespace Grid.Cli.Tests.Api;

/// <summary>One demo silo for every API command test: its shutdown takes a minute and a half to become an event.</summary>
[CollectionDefinition(Name)]
public sealed class DemoSiloCollection : ICollectionFixture<DemoSilo>
{
    public const string Name = "demo silo";
}
