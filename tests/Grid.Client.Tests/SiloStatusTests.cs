using System.Net;
using Grid.Client.Errors;
using Grid.Client.Model;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Client.Tests;

/// <summary>The typed client against a real demo silo: the JSON shapes it mirrors are the server's.</summary>
[Collection(DemoSiloCollection.Name)]
public sealed class SiloStatusTests(DemoSilo silo)
{
    [Fact]
    public async Task CountriesAreTheDemoWorldsWithTheirSignals()
    {
        using var clients = new Clients(silo.BaseAddress);

        var countries = await clients.Client.GetCountriesAsync().ToListAsync();

        Assert.Equal(DemoSilo.Countries, countries.Select(c => c.Code).Order());
        Assert.All(countries, c =>
        {
            Assert.Equal("country", c.Kind);
            Assert.True(c.HasData);
            Assert.True(c.Signal(SignalNames.Bgp)!.Value > 0);
        });
    }

    [Fact]
    public async Task OneCountryItsAsesAndTheirStatus()
    {
        using var clients = new Clients(silo.BaseAddress);

        var belarus = await clients.Client.GetCountryAsync("BY");
        var asns = await clients.Client.GetCountryAsnsAsync("BY", limit: 10).ToListAsync();
        var origin = await clients.Client.GetAsnAsync(65101);

        Assert.Equal("Belarus", belarus.Name);
        Assert.True(Levels.IsKnown(belarus.Level));
        Assert.Equal(["AS65101"], asns.Select(a => a.Code));
        Assert.Equal("asn", origin.Kind);
        Assert.Equal("BY", origin.Country);
    }

    [Fact]
    public async Task SignalHistoryOfACountryAndOfAnAs()
    {
        using var clients = new Clients(silo.BaseAddress);

        var country = await clients.Client.GetSignalsAsync("KZ", new SignalQuery(Step: TimeSpan.FromSeconds(10)));
        var asn = await clients.Client.GetSignalsAsync(65102u);

        Assert.Equal("KZ", country.Code);
        Assert.Equal(TimeSpan.FromSeconds(10), country.Step);
        Assert.Contains(country.Signals[SignalNames.Bgp], p => p.Value > 0);
        Assert.True(country.From < country.Until);
        Assert.Equal("AS65102", asn.Code);
    }

    [Fact]
    public async Task ProblemDetailsBecomeATypedException()
    {
        using var clients = new Clients(silo.BaseAddress);

        var unknown = await Assert.ThrowsAsync<GridApiException>(() => clients.Client.GetCountryAsync("ZZ"));
        var malformed = await Assert.ThrowsAsync<GridApiException>(() => clients.Client.GetSignalsAsync("BY", new SignalQuery(From: DateTimeOffset.UtcNow, Until: DateTimeOffset.UtcNow.AddDays(-1))));

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("Unknown country", unknown.Title);
        Assert.Contains("'ZZ'", unknown.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal("Reversed range", malformed.Title);
        Assert.Contains("swap them", malformed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ElectionsAndEventsAreRead()
    {
        using var clients = new Clients(silo.BaseAddress);

        var elections = await clients.Client.GetElectionsAsync("BY").ToListAsync();
        var events = await clients.Client.GetEventsAsync(new EventFilter(Country: "AZ")).ToListAsync();

        var demo = Assert.Single(elections, e => e.Source == "demo");
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), demo.Date);
        Assert.True(demo.WatchFrom < demo.WatchUntil);
        Assert.Empty(events);
    }

    [Fact]
    public async Task NoServerIsAnUnreachableErrorNamingTheAddress()
    {
        var server = new Uri($"http://127.0.0.1:{LoopbackPort.FindFree()}");
        using var clients = new Clients(server);

        var error = await Assert.ThrowsAsync<GridUnreachableException>(() => clients.Client.GetCountryAsync("BY"));

        Assert.Equal(server, error.Server);
        Assert.Contains(server.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellationIsHonoured()
    {
        using var clients = new Clients(silo.BaseAddress);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clients.Client.GetCountryAsync("BY", cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await clients.Client.GetCountriesAsync(cancellationToken: cancelled.Token).ToListAsync());
    }
}
