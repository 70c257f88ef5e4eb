using System.Net;
using Grid.Grains.Alerts;

namespace Grid.Grains.Tests.Alerts;

/// <summary>Which addresses a webhook may reach: public unicast only (RFC 6890's registries, and IPv4 carried inside IPv6).</summary>
public sealed class SpecialPurposeAddressTests
{
    [Theory]
    [InlineData("0.1.2.3", "this network")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.255", "carrier-grade NAT")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.0.0.1", "IETF protocol assignments")]
    [InlineData("192.0.2.1", "documentation")]
    [InlineData("192.88.99.1", "6to4 relay")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("198.51.100.7", "documentation")]
    [InlineData("203.0.113.9", "documentation")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.255", "limited broadcast")]
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("::127.0.0.1", "IPv4-compatible")]
    [InlineData("::8.8.8.8", "IPv4-compatible")]
    [InlineData("64:ff9b::a9fe:a9fe", "NAT64")]
    [InlineData("64:ff9b::808:808", "NAT64")]
    [InlineData("64:ff9b:1::1", "NAT64")]
    [InlineData("100::1", "discard-only")]
    [InlineData("2001::1", "Teredo")]
    [InlineData("2001:2::1", "IETF protocol assignments")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("2002:7f00:1::", "6to4")]
    [InlineData("2002:808:808::1", "6to4")]
    [InlineData("3fff::1", "documentation")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd12:3456::1", "unique local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("4000::1", "outside global unicast")]
    public void NonPublicAddressesAreRefusedWithTheirPurpose(string address, string purpose)
    {
        var refusal = SpecialPurposeAddresses.Refusal(IPAddress.Parse(address));

        Assert.NotNull(refusal);
        Assert.Contains(purpose, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("::ffff:198.18.0.1", "benchmarking")]
    public void AnIPv4MappedAddressIsJudgedByTheIPv4AddressItCarries(string address, string purpose)
    {
        var refusal = SpecialPurposeAddresses.Refusal(IPAddress.Parse(address));

        Assert.NotNull(refusal);
        Assert.Contains(purpose, refusal, StringComparison.Ordinal);
        Assert.Null(SpecialPurposeAddresses.Refusal(IPAddress.Parse("::ffff:8.8.8.8")));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("192.0.1.1")]
    [InlineData("198.20.0.1")]
    [InlineData("223.255.255.255")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2a00:1450:4001::1")]
    [InlineData("2001:200::1")]
    public void PublicUnicastAddressesAreAllowed(string address) => Assert.Null(SpecialPurposeAddresses.Refusal(IPAddress.Parse(address)));

    [Fact]
    public void AZoneDoesNotHideALinkLocalAddress() =>
        Assert.Contains("link-local", SpecialPurposeAddresses.Refusal(IPAddress.Parse("fe80::1%2")), StringComparison.Ordinal);
}
