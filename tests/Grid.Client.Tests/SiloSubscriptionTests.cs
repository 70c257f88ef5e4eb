using System.Net;
using Grid.Client.Errors;
using Grid.Client.Model;
using Grid.Testing.Silo;

namespace Grid.Client.Tests;

[Collection(DemoSiloCollection.Name)]
public sealed class SiloSubscriptionTests(DemoSilo silo)
{
    [Fact]
    public async Task CreateListAndDeleteWithTheAdminKey()
    {
        using var clients = new Clients(silo.BaseAddress, DemoSilo.AdminKey);

        var created = await clients.Client.CreateSubscriptionAsync(new NewSubscription("http://127.0.0.1:9/client-test", "sixteen-or-more-characters", ["MM"], [65104], "critical", ElectionOnly: true));
        var listed = await clients.Client.GetSubscriptionsAsync().ToListAsync();
        await clients.Client.DeleteSubscriptionAsync(created.Id);
        var after = await clients.Client.GetSubscriptionsAsync().ToListAsync();
        var again = await Assert.ThrowsAsync<GridApiException>(() => clients.Client.DeleteSubscriptionAsync(created.Id));

        Assert.Equal(["MM"], created.Countries);
        Assert.Equal([65104u], created.Asns);
        Assert.True(created.ElectionOnly);
        Assert.Contains(listed, s => s.Id == created.Id && s.MinLevel == "critical");
        Assert.DoesNotContain(after, s => s.Id == created.Id);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
    }

    [Fact]
    public async Task WithoutAKeyTheServersRefusalSaysHowToSendOne()
    {
        using var clients = new Clients(silo.BaseAddress);

        var error = await Assert.ThrowsAsync<GridApiException>(async () => await clients.Client.GetSubscriptionsAsync().ToListAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal("API key required", error.Title);
        Assert.Contains("Authorization: Bearer", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheKeyIsNeverPartOfAnErrorMessage()
    {
        const string key = "a-key-the-silo-does-not-know-0815";
        using var clients = new Clients(silo.BaseAddress, key);

        var error = await Assert.ThrowsAsync<GridApiException>(async () => await clients.Client.GetSubscriptionsAsync().ToListAsync());

        Assert.Equal("Unknown API key", error.Title);
        Assert.DoesNotContain(key, error.ToString(), StringComparison.Ordinal);
    }
}
