using Esp32At.Emulator.Profiles;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>Single-connection mode (CIPMUX=0) forms of the link commands and URCs (spec §2.3, §3), and CIPSTATUS.</summary>
public class SingleConnectionBytesTests
{
    [Fact]
    public void ActiveLinkWithoutIds()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var port = NetPorts.Joined(mux: false, dinfo: true);
        Assert.Equal("\r\nERROR\r\n", port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{server.Port}", "\r\nERROR\r\n")); // no id in single mode
        Assert.Equal("CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=\"TCP\",\"127.0.0.1\",{server.Port}"));
        Assert.Equal("\r\nERROR\r\n", port.Command($"AT+CIPSTART=\"TCP\",\"127.0.0.1\",{server.Port}", "\r\nERROR\r\n")); // one link
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND=3", ">"));
        port.Send("abc");
        var sent = port.ReadUntil("SEND OK\r\n");
        var frame = $"\r\n+IPD,3,\"127.0.0.1\",{server.Port}:abc\r\n";
        Assert.Equal("\r\nRecv 3 bytes\r\n\r\nSEND OK\r\n", sent.Replace(frame, ""));
        if (!sent.Contains(frame)) Assert.Equal(frame, port.ReadUntil("abc\r\n"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPCLOSE=0", "\r\nERROR\r\n"));
        Assert.Equal("CLOSED\r\n\r\nOK\r\n", port.Command("AT+CIPCLOSE"));
    }

    [Fact]
    public void PassiveLinkWithoutIdsAndClosedByThePeer()
    {
        using var server = new LoopbackServer(s => { s.Write("bye!"u8); s.Flush(); });
        using var port = NetPorts.Joined(FirmwareProfile.V3_3_C3, mux: false, passive: true);
        Assert.Equal("CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=\"TCP\",\"127.0.0.1\",{server.Port}"));
        Assert.Equal("\r\n+IPD,4\r\n", port.ReadUntil("+IPD,4\r\n"));
        Assert.Equal("+CIPRECVLEN:4\r\n\r\nOK\r\n", port.Command("AT+CIPRECVLEN?"));
        Assert.Equal("+CIPRECVDATA:3,bye\r\nOK\r\n\r\n+IPD,1\r\n", port.Command("AT+CIPRECVDATA=3", "+IPD,1\r\n"));
        Assert.Equal("+CIPRECVDATA:1,!\r\nOK\r\nCLOSED\r\n", port.Command("AT+CIPRECVDATA=1", "CLOSED\r\n"));
    }

    [Fact]
    public void UdpInSingleMode()
    {
        using var peer = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        int peerPort = ((System.Net.IPEndPoint)peer.Client.LocalEndPoint!).Port;
        using var port = NetPorts.Joined(mux: false);
        Assert.Equal("CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=\"UDP\",\"127.0.0.1\",{peerPort},0,2"));
        var link = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port.Emulator.Links[0]!.Channel.HostLocalPort);
        peer.Send("dg"u8.ToArray(), link);
        Assert.Equal("\r\n+IPD,2:dg\r\n", port.ReadUntil("dg\r\n"));
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command($"AT+CIPSEND=2,\"127.0.0.1\",{peerPort}", ">"));
        port.Send("re");
        Assert.Equal("\r\nRecv 2 bytes\r\n\r\nSEND OK\r\n", port.ReadUntil("SEND OK\r\n"));
    }

    [Theory]
    [InlineData("v2.2.0-c3")]
    [InlineData("v4.1.1-c3")]
    public void CipStatusTracksWifiAndLinks(string profile)
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var port = new RawPort(FirmwareProfile.Named(profile));
        port.Command("ATE0");
        Assert.Equal("STATUS:1\r\n\r\nOK\r\n", port.Command("AT+CIPSTATUS"));
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        Assert.Equal("STATUS:2\r\n\r\nOK\r\n", port.Command("AT+CIPSTATUS"));
        port.Command($"AT+CIPSTART=\"TCP\",\"127.0.0.1\",{server.Port}");
        int local = port.Emulator.Links[0]!.LocalPort;
        Assert.Equal($"STATUS:3\r\n+CIPSTATUS:0,\"TCP\",\"127.0.0.1\",{server.Port},{local},0\r\n\r\nOK\r\n", port.Command("AT+CIPSTATUS"));
        port.Command("AT+CIPCLOSE");
        Assert.Equal("STATUS:4\r\n\r\nOK\r\n", port.Command("AT+CIPSTATUS"));
    }

    [Fact]
    public void CipMuxCannotChangeWhileALinkIsOpen()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var port = NetPorts.Joined(mux: false);
        port.Command($"AT+CIPSTART=\"TCP\",\"127.0.0.1\",{server.Port}");
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPMUX=1", "\r\nERROR\r\n"));
        port.Command("AT+CIPCLOSE");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPMUX=1"));
    }
}
