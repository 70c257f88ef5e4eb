namespace Grid.Client.Tests;

/// <summary>A <see cref="GridClient"/> on its own HttpClient, disposed with it.</summary>
internal sealed class Clients(Uri server, string? apiKey = null) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public GridClient Client => field ??= new GridClient(_http, new GridClientOptions { Server = server, ApiKey = apiKey });

    public void Dispose() => _http.Dispose();
}
