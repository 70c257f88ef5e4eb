using Grid.Runtime.Activation;
using Grid.Runtime.Messaging;
using Grid.Runtime.Tests.Grains;
using Grid.Runtime.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Runtime.Tests;

/// <summary>Calls are messages: they cross the wire codec and still work, as they will between silos.</summary>
public sealed class GrainCallMessageTests
{
    [Fact]
    public async Task ACallSurvivesEncodingAndRunsWithTheDecodedArguments()
    {
        await using var silo = await TestSilo.StartAsync();
        var registry = silo.Services.GetRequiredService<GrainTypeRegistry>();
        var codec = silo.Services.GetRequiredService<GrainCallCodec>();
        var method = registry.MethodFor(typeof(IProfileGrain).GetMethod(nameof(IProfileGrain.Rename))!);
        var call = new GrainCall(new GrainId("profile", "BY"), method, ["Belarus", "2020-08-09"]);

        var bytes = codec.Encode(call);
        var decoded = codec.Decode(bytes);

        Assert.Contains("\"target\":\"profile/BY\"", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(call.Target, decoded.Target);
        Assert.Same(method, decoded.Method);
        Assert.Equal(call.Arguments, decoded.Arguments);
    }

    [Fact]
    public async Task EveryTestGrainWorksWithCallsSerialisedLikeRemoteOnes()
    {
        await using var silo = await TestSilo.StartAsync(o => o.SerializeLocalCalls = true);
        var profile = silo.Grains.GetGrain<IProfileGrain>("AZ");

        await profile.Rename("Azerbaijan", "2023-09");
        var read = await profile.Get();
        read.Name = "changed by the caller";

        Assert.Equal("Azerbaijan", (await profile.Get()).Name);
        Assert.Equal(1, await silo.Grains.GetGrain<ICounterGrain>("c").Increment());
        await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grains.GetGrain<ICounterGrain>("c").Fail("boom"));
    }

    [Fact]
    public async Task GrainReferencesCarryTheirIdentity()
    {
        await using var silo = await TestSilo.StartAsync();

        var asn = silo.Grains.GetGrain<IFragileGrain>(6697);

        Assert.Equal("fragile/6697", asn.ToString());
        Assert.Equal(asn, silo.Grains.GetGrain<IFragileGrain>(6697));
        Assert.Equal(6697, await asn.Key());
    }
}
