using System.Net;
using Esp32At.Engine;

namespace Esp32At.Tests.Engine;

/// <summary>IPv6 text: any RFC 4291 form in, lwIP's ip6addr_ntoa form out (what ESP-AT and CircuitPython print).</summary>
public class Ipv6Tests
{
    [Theory]
    [InlineData("fe80::7edf:a1ff:fe00:518c", "FE80::7EDF:A1FF:FE00:518C")]
    [InlineData("fd5f:3f5c:fe50:0:7edf:a1ff:fe00:518c", "FD5F:3F5C:FE50:0:7EDF:A1FF:FE00:518C")]
    [InlineData("::1", "::1")]
    [InlineData("::", "::")]
    [InlineData("1::", "1::")]
    [InlineData("1:0:0:2:0:0:0:3", "1::2:0:0:0:3")] // lwIP compresses the first run of two or more, not the longest
    [InlineData("2404:6800:4005:80b::2004", "2404:6800:4005:80B::2004")]
    [InlineData("FF02::FC", "FF02::FC")]
    [InlineData("::ffff:192.168.4.2", "::FFFF:C0A8:402")]
    [InlineData("0001:0002:0003:0004:0005:0006:0007:0008", "1:2:3:4:5:6:7:8")]
    [InlineData("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0")]
    public void ParsesAnyFormAndFormatsAsLwip(string text, string lwip)
    {
        var bytes = Ipv6.Parse(text);
        Assert.NotNull(bytes);
        Assert.Equal(IPAddress.Parse(text).GetAddressBytes(), bytes);
        Assert.Equal(lwip, Ipv6.Format(bytes));
        Assert.Equal(bytes, Ipv6.Parse(lwip));
    }

    [Theory]
    [InlineData("")]
    [InlineData(":")]
    [InlineData(":::")]
    [InlineData("1:2:3:4:5:6:7")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1::2::3")]
    [InlineData("12345::1")]
    [InlineData("fe80::1:")]
    [InlineData(":1::2")]
    [InlineData("g::1")]
    [InlineData("1:2:3:4:5:6:7:8::")]
    [InlineData("::1.2.3")]
    [InlineData("::1.2.3.256")]
    [InlineData("192.168.1.1")]
    [InlineData("fe80::1%wlan0")]
    public void NonLiteralsAreRejected(string text)
    {
        Assert.Null(Ipv6.Parse(text));
        Assert.False(Ipv6.IsLiteral(text));
    }

    [Fact]
    public void RandomAddressesRoundTripAgainstDotNet()
    {
        var rng = new Random(19);
        for (int i = 0; i < 2000; i++)
        {
            var bytes = new byte[16];
            rng.NextBytes(bytes);
            // zero runs of every length and place
            int zeroFrom = rng.Next(8), zeroTo = rng.Next(zeroFrom, 9);
            for (int g = zeroFrom; g < zeroTo; g++) bytes[g * 2] = bytes[g * 2 + 1] = 0;
            var text = Ipv6.Format(bytes);
            Assert.Equal(bytes, IPAddress.Parse(text).GetAddressBytes());
            Assert.Equal(bytes, Ipv6.Parse(new IPAddress(bytes).ToString()));
        }
    }
}
