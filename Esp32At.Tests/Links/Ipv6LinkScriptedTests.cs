using Esp32At.Engine;
using Esp32At.Links;
using Esp32At.Tests.Wifi;

namespace Esp32At.Tests.Links;

/// <summary>
/// IPv6 links over a scripted ESP, with the forms of Espressif's TCP/IP AT Commands: AT+CIPV6=1 at initialisation,
/// CIPSTART "TCPv6"/"UDPv6"/"SSLv6", CIPDOMAIN=...,3, and senders with colons in +IPD / +CIPRECVDATA (CIPDINFO=1).
/// </summary>
public sealed class Ipv6LinkScriptedTests
{
    private const string Ok = ScriptedWifi.Ok;

    [Fact]
    public void Ipv6IsOffByDefaultAndOnlyTheOptionSendsCipv6()
    {
        using (var off = new ScriptedWifi()) Assert.DoesNotContain("AT+CIPV6=1", off.Esp.Written);
        using var on = new ScriptedWifi(ipv6: true);
        Assert.Contains("AT+CIPDINFO=1\r\nAT+CIPV6=1\r\n", on.Esp.Written);
    }

    [Fact]
    public void TcpV6OpensReceivesPassivelyFromAnIpv6SenderAndCloses()
    {
        using var s = new ScriptedWifi(ipv6: true);
        var links = new ConnectionTable(s.Device);
        s.Replies["AT+CIPRECVDATA=0,5760"] = "+CIPRECVDATA:5,\"fe80::860d:8eff:fe9d:cd90\",1000,hello\r\n" + Ok;
        s.ClearCommands();
        int id = links.OpenTcp6("fe80::860d:8eff:fe9d:cd90", 1000);
        Assert.True(links.IsIpv6(id));
        s.Esp.Emit("\r\n+IPD,0,5\r\n");
        var buffer = new byte[16];
        Assert.Equal(5, links.Receive(id, buffer, 0, buffer.Length, 2000));
        Assert.Equal("hello", System.Text.Encoding.ASCII.GetString(buffer, 0, 5));
        var from = new byte[16];
        Assert.True(links.RemoteIpv6Of(id, from, out int port));
        Assert.Equal("FE80::860D:8EFF:FE9D:CD90", Ipv6.Format(from));
        Assert.Equal(1000, port);
        Assert.Equal(0u, links.RemoteAddressOf(id, out _));
        links.Close(id);
        Assert.Equal(["AT+CIPSTART=0,\"TCPv6\",\"fe80::860d:8eff:fe9d:cd90\",1000,,,20000", "AT+CIPRECVDATA=0,5760", "AT+CIPCLOSE=0"], s.Sent);
    }

    [Fact]
    public void UdpV6DatagramsCarryTheirIpv6SenderThroughActiveFrames()
    {
        using var s = new ScriptedWifi(ipv6: true);
        var links = new ConnectionTable(s.Device);
        s.ClearCommands();
        int id = links.OpenUdp6("FF02::FC", 1000, 1002);
        // The colons of the quoted sender are not the frame's ':'; a payload with colons stays payload.
        s.Esp.Emit("\r\n+IPD,0,6,\"fe80::5512:f37f:bb03:5d9b\",1000:a:b::c\r\n+IPD,0,2,\"192.168.4.2\",53:ok");
        var buffer = new byte[16];
        Assert.Equal(6, links.Receive(id, buffer, 0, buffer.Length, 2000));
        Assert.Equal("a:b::c", System.Text.Encoding.ASCII.GetString(buffer, 0, 6));
        var from = new byte[16];
        Assert.True(links.RemoteIpv6Of(id, from, out int port));
        Assert.Equal("FE80::5512:F37F:BB03:5D9B", Ipv6.Format(from));
        Assert.Equal(1000, port);
        Assert.Equal(2, links.Receive(id, buffer, 0, buffer.Length, 2000));
        Assert.False(links.RemoteIpv6Of(id, from, out port));
        Assert.Equal(0x0204A8C0u, links.RemoteAddressOf(id, out port));
        Assert.Equal(53, port);
        s.Replies["AT+CIPSEND=0,2,\"fe80::5512:f37f:bb03:5d9b\",1000"] = "\r\nOK\r\n>";
        s.Fallback = line => line == "\u0001\u0002" ? "\r\nRecv 2 bytes\r\n\r\nSEND OK\r\n" : null;
        links.SendTo(id, [1, 2], 0, 2, "fe80::5512:f37f:bb03:5d9b", 1000);
        Assert.Equal(["AT+CIPRECVTYPE=0,0", "AT+CIPSTART=0,\"UDPv6\",\"FF02::FC\",1000,1002,2,,20000",
            "AT+CIPSEND=0,2,\"fe80::5512:f37f:bb03:5d9b\",1000"], s.Sent.Where(c => c.StartsWith("AT+")).ToArray());
    }

    [Fact]
    public void SslV6SendsTheTypeAfterItsTlsSetUp()
    {
        using var s = new ScriptedWifi(ipv6: true);
        var links = new ConnectionTable(s.Device);
        s.ClearCommands();
        int id = links.OpenSsl6("2404:6800:4005:80b::2004", 443, new TlsSettings { VerifyServer = false });
        Assert.True(links.IsIpv6(id));
        Assert.Equal("AT+CIPSTART=0,\"SSLv6\",\"2404:6800:4005:80b::2004\",443,,,20000", s.Sent[^1]);
        Assert.Throws<ArgumentException>(() => links.OpenTcp6("192.168.1.1", 80));
    }

    [Fact]
    public void NamesResolveToIpv6WithIpNetworkThreeAndLiteralsAreNotAsked()
    {
        using var s = new ScriptedWifi(ipv6: true);
        var resolver = new HostResolver(s.Device);
        s.Replies["AT+CIPDOMAIN=\"ipv6.test-ipv6.com\",3"] = "+CIPDOMAIN:\"2001:470:1:18::115\"\r\n" + Ok;
        s.Replies["AT+CIPDOMAIN=\"v4only.test\",3"] = ScriptedWifi.Error;
        s.ClearCommands();
        Assert.Equal(System.Net.IPAddress.Parse("2001:470:1:18::115").GetAddressBytes(), resolver.Resolve6("ipv6.test-ipv6.com"));
        Assert.Equal(System.Net.IPAddress.Parse("fe80::1").GetAddressBytes(), resolver.Resolve6("fe80::1"));
        Assert.Throws<AtCommandException>(() => resolver.Resolve6("v4only.test"));
        Assert.Equal(["AT+CIPDOMAIN=\"ipv6.test-ipv6.com\",3", "AT+CIPDOMAIN=\"v4only.test\",3"], s.Sent);
    }
}
