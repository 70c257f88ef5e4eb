namespace Grid.Silo.Tests.Console;

/// <summary>
/// The console's browser tests run one after another, sharing one browser and one demo silo: each
/// starts chromium pages and silos of its own, and side by side on two cores they would mostly
/// measure each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleDemoSilo>, ICollectionFixture<ConsoleBrowser>
{
    public const string Name = "Console in a browser";
}
