using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Esp32At.Device;
using Esp32At.TinyCLR.Provider;
using Esp32At.Tests.Engine;

namespace Esp32At.Tests.TinyClr;

/// <summary>
/// IPv6 through the provider over a scripted ESP: GHI's Socket passes AddressFamily.InterNetworkV6 to Create and an
/// EndPoint's Serialize() bytes to Connect/SendTo unchanged, so an Ipv6EndPoint's 28 bytes reach the ESP as TCPv6/UDPv6.
/// </summary>
public sealed class ProviderIpv6ScriptedTests
{
    private const string Ok = "\r\nOK\r\n";

    private sealed class Rig : IDisposable
    {
        public readonly ScriptedEsp Esp = new();
        public readonly ConcurrentDictionary<string, string> Replies = new();
        public readonly ConcurrentQueue<string> Lines = new();
        public readonly Esp32AtNetworkProvider Provider;

        public Rig()
        {
            Esp.Responder = written =>
            {
                var line = written.TrimEnd('\r', '\n');
                Lines.Enqueue(line);
                if (Replies.TryGetValue(line, out var reply)) return reply;
                if (line == "AT+GMR") return "AT version:4.1.1.0(1234567 - ESP32C3 - Jul 31 2025 10:00:00)\r\nSDK version:v5.4.2\r\n" + Ok;
                if (line == "AT+CMD?") return "\r\nERROR\r\n";
                return Ok;
            };
            Provider = new Esp32AtNetworkProvider(Esp, new Esp32AtOptions { HardResetOnInit = false, Ipv6 = true }) { DeferConnect = false };
            Provider.EnsureStarted();
            Lines.Clear();
        }

        public string[] Commands => Lines.Where(l => l.StartsWith("AT+")).ToArray();

        public void Dispose() => Provider.Dispose();
    }

    [Fact]
    public void AnInterNetworkV6StreamSocketConnectsOverTcpV6AndReportsItsPeer()
    {
        using var r = new Rig();
        int h = r.Provider.Create(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        var peer = new Ipv6EndPoint("2001:db8::10", 8080);
        r.Provider.Connect(h, peer.Serialize());
        Assert.Equal(["AT+CIPSTART=0,\"TCPv6\",\"2001:DB8::10\",8080,,,20000"], r.Commands);
        r.Provider.GetRemoteAddress(h, out var remote);
        Assert.Equal(AddressFamily.InterNetworkV6, remote.Family);
        Assert.Equal(peer, peer.Create(remote));
        Assert.Equal("[2001:DB8::10]:8080", peer.Create(remote).ToString());
        r.Provider.Close(h);
    }

    [Fact]
    public void FamiliesMustMatchTheSocket()
    {
        using var r = new Rig();
        int v6 = r.Provider.Create(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        var e = Assert.ThrowsAny<SocketException>(() => r.Provider.Connect(v6, new IPEndPoint(IPAddress.Loopback, 80).Serialize()));
        Assert.Equal(SocketError.AddressFamilyNotSupported, e.SocketErrorCode);
        int v4 = r.Provider.Create(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        e = Assert.ThrowsAny<SocketException>(() => r.Provider.Connect(v4, new Ipv6EndPoint("::1", 80).Serialize()));
        Assert.Equal(SocketError.AddressFamilyNotSupported, e.SocketErrorCode);
        Assert.ThrowsAny<SocketException>(() => r.Provider.Create(AddressFamily.AppleTalk, SocketType.Stream, ProtocolType.Tcp));
        Assert.Empty(r.Commands);
    }

    [Fact]
    public void AnInterNetworkV6DatagramSocketSendsToAndReceivesFromIpv6Peers()
    {
        using var r = new Rig();
        r.Replies["AT+CIPSEND=0,2,\"FE80::2\",5000"] = "\r\nOK\r\n>";
        r.Replies["hi"] = "\r\nRecv 2 bytes\r\n\r\nSEND OK\r\n";
        int h = r.Provider.Create(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        var to = new Ipv6EndPoint("fe80::2", 5000);
        Assert.Equal(2, r.Provider.SendTo(h, "hi"u8.ToArray(), 0, 2, SocketFlags.None, to.Serialize()));
        r.Esp.Emit("\r\n+IPD,0,3,\"fe80::2\",5000:yes");
        var buffer = new byte[8];
        SocketAddress from = to.Serialize();
        int n = 0;
        for (int i = 0; i < 100 && n <= 0; i++) n = r.Provider.ReceiveFrom(h, buffer, 0, buffer.Length, SocketFlags.None, ref from);
        Assert.Equal(3, n);
        Assert.Equal(to, to.Create(from));
        Assert.Equal(["AT+CIPRECVTYPE=0,0", "AT+CIPSTART=0,\"UDPv6\",\"FE80::2\",5000,,,,20000", "AT+CIPSEND=0,2,\"FE80::2\",5000"], r.Commands);
    }

    [Fact]
    public void Ipv6EndPointRejectsWhatIsNotAnIpv6Literal()
    {
        Assert.Throws<ArgumentException>(() => new Ipv6EndPoint("192.168.1.1", 80));
        Assert.Throws<ArgumentException>(() => new Ipv6EndPoint(new byte[4], 80));
        var mapped = (Ipv6EndPoint)new Ipv6EndPoint("::1", 1).Create(new IPEndPoint(IPAddress.Parse("192.168.4.2"), 53).Serialize());
        Assert.Equal("[::FFFF:C0A8:402]:53", mapped.ToString());
    }
}
