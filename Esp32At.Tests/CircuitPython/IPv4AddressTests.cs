using Esp32At.CircuitPython;

namespace Esp32At.Tests.CircuitPython;

/// <summary>ipaddress: parse, format, host-order integers, packed bytes, equality (core semantics, not the seed's bugs).</summary>
public sealed class IPv4AddressTests
{
    [Fact]
    public void ParsesFormatsAndPacks()
    {
        var a = new IPv4Address("192.168.1.20");
        Assert.Equal("192.168.1.20", a.ToString());
        Assert.Equal(new byte[] { 192, 168, 1, 20 }, a.Packed);
        Assert.Equal(4, a.Version);
        a.Packed[0] = 1; // a copy: the address stays immutable
        Assert.Equal("192.168.1.20", a.ToString());
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("1..2.3")]
    [InlineData("a.b.c.d")]
    [InlineData("1.2.3.4 ")]
    [InlineData("")]
    public void RejectsWhatIsNotADottedQuad(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => new IPv4Address(text));
        Assert.StartsWith("Not a valid IP string", e.Message);
    }

    [Fact]
    public void IntegersAreHostOrderWithTheFirstOctetLowest()
    {
        Assert.Equal("127.0.0.1", new IPv4Address(0x0100007F).ToString());
        Assert.Equal(0x0100007F, new IPv4Address("127.0.0.1").ToInt32());
        Assert.Equal("255.255.255.255", new IPv4Address(-1).ToString());
    }

    [Fact]
    public void BytesMustBeFourLong()
    {
        Assert.Equal("10.0.0.1", new IPv4Address(new byte[] { 10, 0, 0, 1 }).ToString());
        Assert.Throws<ArgumentException>(() => new IPv4Address(new byte[] { 10, 0, 1 }));
    }

    [Fact]
    public void EqualityAndHashFollowTheBytes()
    {
        var a = new IPv4Address("10.0.0.1");
        var b = IpAddress.Of(new byte[] { 10, 0, 0, 1 });
        Assert.True(a == b);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != new IPv4Address("10.0.0.2"));
        Assert.False(a.Equals("10.0.0.1"));
        Assert.True((IPv4Address?)null == null);
    }

    [Fact]
    public void IpAddressOfAcceptsStringsIntegersBytesAndAddresses()
    {
        var a = new IPv4Address("1.2.3.4");
        Assert.Same(a, IpAddress.Of(a));
        Assert.Equal(a, IpAddress.Of("1.2.3.4"));
        Assert.Equal(a, IpAddress.Of(0x04030201));
        Assert.Equal(a, IpAddress.Of(0x04030201u));
        Assert.Throws<ArgumentException>(() => IpAddress.Of(1.5));
    }
}
