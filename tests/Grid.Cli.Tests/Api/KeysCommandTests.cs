namespace Grid.Cli.Tests.Api;

/// <summary>`grid keys` checks what it can before any request: the /v1/keys endpoints need an admin key.</summary>
public sealed class KeysCommandTests
{
    [Theory]
    [InlineData("list")]
    [InlineData("create", "ci", "--scope", "read")]
    [InlineData("revoke", "k1")]
    public async Task WithoutAKeyTheCommandSaysWhichKeyItNeeds(params string[] arguments)
    {
        var result = await GridExecutable.RunAsync(["keys", .. arguments]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("grid: this command needs an API key with the 'admin' scope: pass --api-key or set GRID_API_KEY.", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateWithoutAScopeIsAUsageError()
    {
        var result = await GridExecutable.RunAsync(new Dictionary<string, string?> { ["GRID_API_KEY"] = "some-admin-key" }, "keys", "create", "ci");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--scope", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("some-admin-key", result.Output, StringComparison.Ordinal);
    }
}
