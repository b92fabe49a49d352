using System.Net;
using Esp32At.Engine;
using Esp32At.Links;

namespace Esp32At.Tests.Links;

public class HostResolverTests
{
    [Fact]
    public void NamesResolveThroughTheEspAndLiteralsDoNotAskIt()
    {
        using var f = new LinkFixture();
        f.Emulator.Links.Dns.Add("example.test", IPAddress.Parse("10.1.2.3"));
        var resolver = new HostResolver(f.Device);
        Assert.Equal(new byte[] { 10, 1, 2, 3 }, resolver.Resolve("example.test"));
        Assert.Equal(new byte[] { 192, 168, 4, 1 }, resolver.Resolve("192.168.4.1"));
        var e = Assert.Throws<AtCommandException>(() => resolver.Resolve("nowhere.test"));
        Assert.Contains("CIPDOMAIN", e.Message);
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.256")]
    [InlineData("a.b.c.d")]
    [InlineData("1..2.3")]
    public void NonLiteralsAreNotTakenForAddresses(string text) => Assert.Null(HostResolver.ParseIPv4(text));

    [Fact]
    public void AnAtInjectionInAHostNameIsRejected()
    {
        using var f = new LinkFixture();
        Assert.Equal("host", Assert.Throws<ArgumentException>(() => new HostResolver(f.Device).Resolve("a\r\nAT+RST")).ParamName);
    }
}
