using System.Net;
using Esp32At.Links;

namespace Esp32At.Tests.Links;

public class Ipv4Tests
{
    [Fact]
    public void FormatPutsTheLowByteFirst_AsIPAddressDoes()
    {
        uint address = Ipv4.FromBytes(new byte[] { 192, 168, 4, 2 });
        Assert.Equal(0x0204A8C0u, address);
        Assert.Equal("192.168.4.2", Ipv4.Format(address));
        Assert.Equal(new IPAddress(address).ToString(), Ipv4.Format(address));
        Assert.Equal("0.0.0.0", Ipv4.Format(0));
        Assert.Equal("255.255.255.255", Ipv4.Format(uint.MaxValue));
    }

    [Fact]
    public void FromBytesRefusesAnythingButFourBytes_NamingTheArgument()
    {
        Assert.Equal("octets", Assert.Throws<ArgumentException>(() => Ipv4.FromBytes(new byte[] { 1, 2, 3 })).ParamName);
        Assert.Equal("octets", Assert.Throws<ArgumentException>(() => Ipv4.FromBytes(new byte[16])).ParamName);
        Assert.Equal("octets", Assert.Throws<ArgumentNullException>(() => Ipv4.FromBytes(null!)).ParamName);
    }

    [Theory]
    [InlineData("10.1.2.3", 10, 1, 2, 3)]
    [InlineData("0.0.0.0", 0, 0, 0, 0)]
    [InlineData("255.255.255.255", 255, 255, 255, 255)]
    [InlineData("001.02.3.4", 1, 2, 3, 4)]
    public void ParseReadsDottedLiterals(string text, int a, int b, int c, int d)
    {
        Assert.Equal(new[] { (byte)a, (byte)b, (byte)c, (byte)d }, Ipv4.Parse(text));
        Assert.True(Ipv4.TryParse(text, out uint address));
        Assert.Equal(Ipv4.FromBytes(Ipv4.Parse(text)!), address);
        Assert.Equal(Ipv4.Parse(text), HostResolver.ParseIPv4(text));
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.")]
    [InlineData("1.2.3.256")]
    [InlineData("1.2.3.1000")]
    [InlineData("a.b.c.d")]
    [InlineData("1..2.3")]
    [InlineData("")]
    [InlineData(null)]
    public void ParseRefusesWhatIsNotALiteral(string? text)
    {
        Assert.Null(Ipv4.Parse(text!));
        Assert.False(Ipv4.TryParse(text!, out uint address));
        Assert.Equal(0u, address);
    }
}
