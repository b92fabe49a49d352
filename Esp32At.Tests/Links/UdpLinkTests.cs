using System.Net;
using System.Net.Sockets;
using System.Text;
using Esp32At.Links;

namespace Esp32At.Tests.Links;

/// <summary>UDP links: datagrams stay whole where the firmware can receive them actively.</summary>
public class UdpLinkTests
{
    [Theory]
    [InlineData("v3.3.0-c3")]
    [InlineData("v4.1.1-c6")]
    public void BackToBackDatagramsAreReadOneAtATimeWithTheirSender(string profile)
    {
        using var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var peerEp = (IPEndPoint)peer.Client.LocalEndPoint!;
        using var f = new LinkFixture(profile);
        int id = f.Links.OpenUdp("127.0.0.1", peerEp.Port);
        f.Links.Send(id, Encoding.ASCII.GetBytes("hi"), 0, 2);
        var from = new IPEndPoint(IPAddress.Any, 0);
        peer.Receive(ref from);
        for (int i = 0; i < 3; i++) peer.Send(Encoding.ASCII.GetBytes("datagram " + i), from);
        var buf = new byte[100];
        for (int i = 0; i < 3; i++)
        {
            int n = f.Links.Receive(id, buf, 0, buf.Length, 5000);
            Assert.Equal("datagram " + i, Encoding.ASCII.GetString(buf, 0, n));
            uint address = f.Links.RemoteAddressOf(id, out int port);
            Assert.Equal(0x0100007Fu, address);
            Assert.Equal(peerEp.Port, port);
        }
        // A short read takes one datagram and discards its rest, as recvfrom does.
        peer.Send(Encoding.ASCII.GetBytes("0123456789"), from);
        peer.Send(Encoding.ASCII.GetBytes("next"), from);
        Assert.Equal(4, f.Links.Receive(id, buf, 0, 4, 5000));
        Assert.Equal("next", Encoding.ASCII.GetString(buf, 0, f.Links.Receive(id, buf, 0, buf.Length, 5000)));
        f.Links.Close(id);
        // The id goes back to passive receive for the next (TCP) owner.
        using var server = new EmulatorNet.LoopbackServer(s => s.Write(Encoding.ASCII.GetBytes("tcp")));
        int tcp = f.Links.OpenTcp("127.0.0.1", server.Port);
        Assert.Equal(id, tcp);
        Assert.Equal("tcp", Encoding.ASCII.GetString(f.ReadAll(tcp, 3)));
    }
}
