using System.Net;
using Grid.Testing.Lab;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Bgp;

/// <summary>One lab and one silo shared by the malformed-input cases; each case opens its own session from <see cref="PeerAddress"/>.</summary>
public sealed class ScriptedPeerLab : IAsyncLifetime
{
    public const uint PeerAsn = 65002;

    public static readonly IPAddress PeerAddress = IPAddress.Parse("127.0.0.2");

    private BgpLab? _lab;
    private LabSilo? _grid;

    public BgpLab Lab => _lab!;

    public LabSilo Grid => _grid!;

    public IPEndPoint GridEndpoint => new(LabSilo.Address, LabSilo.Port);

    public async Task InitializeAsync()
    {
        _lab = await BgpLab.CreateAsync();
        _grid = await LabSilo.StartAsync(_lab, [new LabSiloPeer(PeerAddress, PeerAsn)]);
    }

    public async Task DisposeAsync()
    {
        if (_grid is not null)
        {
            await _grid.DisposeAsync();
        }
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }
    }
}
