namespace Grid.Silo.Tests.Console;

/// <summary>The console's tests against the demo share one demo silo and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleDemoCollection : ICollectionFixture<ConsoleDemoSilo>, ICollectionFixture<ConsoleBrowser>
{
    public const string Name = "Console on the demo";
}
