using System.Net;
using System.Net.Sockets;
using System.Text;
using Esp32At.Emulator.Profiles;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>Exact bytes of UDP links (spec §2.3, §3, §4) against real loopback UDP peers.</summary>
public class UdpLinkBytesTests
{
    private static UdpClient Peer() => new(new IPEndPoint(IPAddress.Loopback, 0)) { Client = { ReceiveTimeout = 5000 } };

    private static int PortOf(UdpClient peer) => ((IPEndPoint)peer.Client.LocalEndPoint!).Port;

    /// <summary>The host port behind link <paramref name="id"/>: peers send their datagrams there.</summary>
    private static IPEndPoint LinkEndPoint(RawPort port, int id) => new(IPAddress.Loopback, port.Emulator.Links[id]!.Channel.HostLocalPort);

    private static string Receive(UdpClient peer)
    {
        var from = new IPEndPoint(IPAddress.Any, 0);
        return Encoding.ASCII.GetString(peer.Receive(ref from));
    }

    [Theory]
    [InlineData("v2.2.0-c3")]
    [InlineData("v3.3.0-c3")]
    [InlineData("v4.1.1-c6")]
    public void ActiveDatagramsCarryTheSenderWithDInfoAndSendsGoToTheRemote(string profileName)
    {
        using var peer = Peer();
        using var port = NetPorts.Joined(FirmwareProfile.Named(profileName), dinfo: true);
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"UDP\",\"127.0.0.1\",{PortOf(peer)}"));
        var link = LinkEndPoint(port, 0);
        var listing = $":0,\"UDP\",\"127.0.0.1\",{PortOf(peer)},{link.Port},0\r\n\r\nOK\r\n";
        if (FirmwareProfile.Named(profileName).HasCipState) Assert.Equal("+CIPSTATE" + listing, port.Command("AT+CIPSTATE?"));
        else Assert.Equal("STATUS:3\r\n+CIPSTATUS" + listing, port.Command("AT+CIPSTATUS")); // v2.2 lists links only here

        peer.Send("hello"u8.ToArray(), link);
        Assert.Equal($"\r\n+IPD,0,5,\"127.0.0.1\",{PortOf(peer)}:hello\r\n", port.ReadUntil("hello\r\n"));

        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND=0,4", ">"));
        port.Send("abcd");
        Assert.Equal("\r\nRecv 4 bytes\r\n\r\nSEND OK\r\n", port.ReadUntil("SEND OK\r\n"));
        Assert.Equal("abcd", Receive(peer));
    }

    [Fact]
    public void EachDatagramIsOneFrameWithoutDInfo()
    {
        using var peer = Peer();
        using var port = NetPorts.Joined();
        port.Command($"AT+CIPSTART=1,\"UDP\",\"127.0.0.1\",{PortOf(peer)}");
        var link = LinkEndPoint(port, 1);
        peer.Send("one"u8.ToArray(), link);
        Assert.Equal("\r\n+IPD,1,3:one\r\n", port.ReadUntil("one\r\n"));
        peer.Send("two!"u8.ToArray(), link);
        Assert.Equal("\r\n+IPD,1,4:two!\r\n", port.ReadUntil("two!\r\n"));
    }

    [Fact]
    public void SendWithADestinationGoesToThatHostOnly()
    {
        using var peer = Peer();
        using var other = Peer();
        using var port = NetPorts.Joined();
        port.Command($"AT+CIPSTART=0,\"UDP\",\"127.0.0.1\",{PortOf(peer)},0,0");
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command($"AT+CIPSEND=0,3,\"127.0.0.1\",{PortOf(other)}", ">"));
        port.Send("xyz");
        Assert.Equal("\r\nRecv 3 bytes\r\n\r\nSEND OK\r\n", port.ReadUntil("SEND OK\r\n"));
        Assert.Equal("xyz", Receive(other));
        Assert.Equal(0, peer.Available);
        Assert.Equal($"+CIPSTATE:0,\"UDP\",\"127.0.0.1\",{PortOf(peer)},{LinkEndPoint(port, 0).Port},0\r\n\r\nOK\r\n", port.Command("AT+CIPSTATE?"));
    }

    [Fact]
    public void TheDestinationFormIsForUdpOnly()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var port = NetPorts.Joined();
        port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{server.Port}");
        Assert.Equal("\r\nERROR\r\n", port.Command($"AT+CIPSEND=0,3,\"127.0.0.1\",{server.Port}", "\r\nERROR\r\n"));
    }

    [Theory]
    [InlineData(0, new[] { 0, 0 })] // the remote stays fixed
    [InlineData(1, new[] { 1, 1 })] // it changes once, to the first foreign sender
    [InlineData(2, new[] { 1, 2 })] // it follows every sender
    public void TheRemoteFollowsSendersPerMode(int mode, int[] remoteAfter)
    {
        using var a = Peer();
        using var b = Peer();
        using var c = Peer();
        var peers = new[] { a, b, c };
        using var port = NetPorts.Joined();
        port.Command($"AT+CIPSTART=0,\"UDP\",\"127.0.0.1\",{PortOf(a)},0,{mode}");
        var link = LinkEndPoint(port, 0);
        for (int i = 0; i < 2; i++)
        {
            var sender = peers[i + 1];
            sender.Send("x"u8.ToArray(), link);
            port.ReadUntil("x\r\n");
            var expected = PortOf(peers[remoteAfter[i]]);
            Assert.Equal($"+CIPSTATE:0,\"UDP\",\"127.0.0.1\",{expected},{link.Port},0\r\n\r\nOK\r\n", port.Command("AT+CIPSTATE?"));
        }
    }

    [Fact]
    public void ModeWithoutALocalPortIsRefused()
    {
        using var peer = Peer();
        using var port = NetPorts.Joined();
        Assert.Equal("\r\nERROR\r\n", port.Command($"AT+CIPSTART=0,\"UDP\",\"127.0.0.1\",{PortOf(peer)},,2", "\r\nERROR\r\n"));
        Assert.Equal("\r\nERROR\r\n", port.Command($"AT+CIPSTART=0,\"UDP\",\"127.0.0.1\",{PortOf(peer)},0,3", "\r\nERROR\r\n"));
    }

    [Fact]
    public void ALocalPortIsMappedToTheSameHostPortWhenFree()
    {
        int free;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0))) free = PortOf(probe);
        using var peer = Peer();
        using var port = new RawPort(options: new Esp32At.Emulator.Core.EmulatorOptions { SpeedFactor = 0, BootTimeMs = 0 });
        var mapped = new List<Esp32At.Emulator.Network.PortMapping>();
        port.Emulator.Links.Ports.Mapped += m => mapped.Add(m);
        port.Command("ATE0");
        port.Command("AT+CIPMUX=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Command($"AT+CIPSTART=0,\"UDP\",\"127.0.0.1\",{PortOf(peer)},{free},0");
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, free), port.Emulator.Links.Ports.Udp(free));
        Assert.Equal($"ESP UDP port {free} -> 127.0.0.1:{free}", Assert.Single(mapped).ToString());
        peer.Send("m"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, free));
        Assert.Equal("\r\n+IPD,0,1:m\r\n", port.ReadUntil("m\r\n"));
    }

    [Fact]
    public void PassiveNoticesCountAllQueuedDatagramsAndAReadCrossesTheirBoundaries()
    {
        using var peer = Peer();
        using var port = NetPorts.Joined(passive: true);
        port.Command($"AT+CIPSTART=0,\"UDP\",\"127.0.0.1\",{PortOf(peer)}");
        var link = LinkEndPoint(port, 0);
        peer.Send("12345"u8.ToArray(), link);
        Assert.Equal("\r\n+IPD,0,5\r\n", port.ReadUntil("+IPD,0,5\r\n"));
        peer.Send("678"u8.ToArray(), link);
        NetPorts.Eventually(() => port.Emulator.Links[0]!.Buffered == 8, "the second datagram");
        Assert.Equal("+CIPRECVLEN:8,,,,\r\n\r\nOK\r\n", port.Command("AT+CIPRECVLEN?")); // v4.1: links not open leave their field empty
        Assert.Equal("+CIPRECVDATA:8,12345678\r\nOK\r\n", port.Command("AT+CIPRECVDATA=0,100"));
        Assert.Equal(0, port.Pending); // drained: no new notice
    }

    [Fact]
    public void APassiveReadShorterThanTheDatagramDiscardsItsRest()
    {
        using var peer = Peer();
        using var port = NetPorts.Joined(passive: true, dinfo: true);
        port.Command($"AT+CIPSTART=0,\"UDP\",\"127.0.0.1\",{PortOf(peer)}");
        var link = LinkEndPoint(port, 0);
        peer.Send("abcdef"u8.ToArray(), link);
        Assert.Equal("\r\n+IPD,0,6\r\n", port.ReadUntil("+IPD,0,6\r\n"));
        Assert.Equal($"+CIPRECVDATA:2,\"127.0.0.1\",{PortOf(peer)},ab\r\nOK\r\n", port.Command("AT+CIPRECVDATA=0,2"));
        Assert.Equal("+CIPRECVLEN:0,,,,\r\n\r\nOK\r\n", port.Command("AT+CIPRECVLEN?"));
    }

    [Fact]
    public void ClosingAUdpLinkPrintsClosed()
    {
        using var peer = Peer();
        using var port = NetPorts.Joined();
        port.Command($"AT+CIPSTART=4,\"UDP\",\"127.0.0.1\",{PortOf(peer)}");
        Assert.Equal("4,CLOSED\r\n\r\nOK\r\n", port.Command("AT+CIPCLOSE=4"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSTATE?"));
    }
}
