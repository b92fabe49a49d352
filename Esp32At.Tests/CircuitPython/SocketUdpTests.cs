using System.Net;
using System.Net.Sockets;
using System.Text;
using Esp32At.CircuitPython;

namespace Esp32At.Tests.CircuitPython;

/// <summary>socketpool datagram sockets over the emulator against real UdpClient peers.</summary>
public sealed class SocketUdpTests : IDisposable
{
    private readonly SocketPoolFixture f = new();

    public void Dispose() => f.Dispose();

    [Fact]
    public void SendTo_ReachesThePeer_AndRecvFromInto_ReportsTheSender()
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int peerPort = ((IPEndPoint)peer.Client.LocalEndPoint!).Port;
        using var s = f.Udp();
        Assert.Equal(4, s.SendTo("ping"u8.ToArray(), "127.0.0.1", peerPort));
        var got = Receive(peer, out var espSide);
        Assert.Equal("ping", got);
        peer.Send("pong"u8.ToArray(), espSide);
        s.SetTimeout(5);
        var buf = new byte[64];
        int n = s.RecvFromInto(buf, out var from);
        Assert.Equal("pong", Encoding.ASCII.GetString(buf, 0, n));
        Assert.Equal(new SocketEndpoint("127.0.0.1", peerPort), from);
    }

    [Fact]
    public void SendTo_GoesWhereEachCallSays_NotOnlyToTheFirstPeer()
    {
        using var first = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var second = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var s = f.Udp();
        s.SendTo("one"u8.ToArray(), new SocketEndpoint("127.0.0.1", ((IPEndPoint)first.Client.LocalEndPoint!).Port));
        s.SendTo("two"u8.ToArray(), new SocketEndpoint("echo.test", ((IPEndPoint)second.Client.LocalEndPoint!).Port));
        Assert.Equal("one", Receive(first, out _));
        Assert.Equal("two", Receive(second, out _));
    }

    [Fact]
    public void BoundSocket_ReceivesFromAnySender_OnItsPort()
    {
        using var s = f.Udp();
        s.Bind("0.0.0.0", 5005);
        s.SetTimeout(0);
        var buf = new byte[64];
        Assert.Equal(Errno.EAGAIN, Assert.Throws<OSError>(() => s.RecvFromInto(buf, out _)).Errno); // opens the link
        var mapped = f.Emulator.Links.Ports.Udp(5005);
        Assert.NotNull(mapped);
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        peer.Send("hello"u8.ToArray(), mapped!);
        s.SetTimeout(5);
        int n = s.RecvFromInto(buf, out var from);
        Assert.Equal("hello", Encoding.ASCII.GetString(buf, 0, n));
        Assert.Equal(((IPEndPoint)peer.Client.LocalEndPoint!).Port, from.Port);
    }

    [Fact]
    public void RecvFromInto_WithATimeout_RaisesEtimedout()
    {
        using var s = f.Udp();
        s.Bind("0.0.0.0", 5006);
        s.SetTimeout(0.2);
        Assert.Equal(Errno.ETIMEDOUT, Assert.Throws<OSError>(() => s.RecvFromInto(new byte[8], out _)).Errno);
    }

    [Fact]
    public void OversizedDatagram_IsEmsgsize_AndStreamOpsAreRefused()
    {
        using var s = f.Udp();
        var big = new byte[f.Device.Capabilities.CipSendMax + 1];
        Assert.Equal(Errno.EMSGSIZE, Assert.Throws<OSError>(() => s.SendTo(big, "127.0.0.1", 9)).Errno);
        Assert.Equal(Errno.EOPNOTSUPP, Assert.Throws<OSError>(() => s.Listen(1)).Errno);
        using var tcp = f.Tcp();
        Assert.Equal(Errno.EOPNOTSUPP, Assert.Throws<OSError>(() => tcp.SendTo("x"u8.ToArray(), "127.0.0.1", 9)).Errno);
    }

    private static string Receive(UdpClient peer, out IPEndPoint from)
    {
        var task = peer.ReceiveAsync();
        Assert.True(task.Wait(5000), "no datagram arrived");
        from = task.Result.RemoteEndPoint;
        return Encoding.ASCII.GetString(task.Result.Buffer);
    }
}
