using System.Net.Sockets;
using System.Text;
using Esp32At.Links;

namespace Esp32At.Tests.Links;

/// <summary>The ESP's server: accept queue, id reuse by the firmware, stopping.</summary>
public class LinkServerTests
{
    [Fact]
    public void AClientOnAnIdTheOldOwnerStillHoldsWaitsForItAndGetsItsOwnData()
    {
        using var f = new LinkFixture();
        var server = new LinkServer(f.Links);
        server.Start(8100);
        var host = f.Emulator.Links.Ports.TcpServer(8100)!;
        var a = new TcpClient();
        a.Connect(host);
        int first = f.Links.Accept(5000);
        Assert.Equal(0, first);
        a.Close(); // the ESP prints 0,CLOSED and frees id 0 while our owner has not read the end of stream yet
        Assert.True(SpinWait.SpinUntil(() => f.Links.StateOf(first) == LinkState.RemoteClosed, 5000));
        using var b = new TcpClient();
        b.Connect(host); // the firmware gives B the lowest free id: 0 again
        b.GetStream().Write(Encoding.ASCII.GetBytes("from B"));
        Assert.Equal(-1, f.Links.Accept(300)); // B waits until the old owner lets go of id 0
        var buf = new byte[16];
        Assert.Equal(0, f.Links.Receive(first, buf, 0, buf.Length, 5000)); // A's owner sees its end of stream, not B's bytes
        int second = f.Links.Accept(5000);
        Assert.Equal(0, second);
        int n = f.Links.Receive(second, buf, 0, buf.Length, 5000);
        Assert.Equal("from B", Encoding.ASCII.GetString(buf, 0, n));
    }

    [Fact]
    public void StoppingTheServerKeepsAcceptedClientsUnlessAsked()
    {
        using var f = new LinkFixture();
        var server = new LinkServer(f.Links);
        server.Start(8101);
        using var c = new TcpClient();
        c.Connect(f.Emulator.Links.Ports.TcpServer(8101)!);
        int id = f.Links.Accept(5000);
        server.Stop();
        Assert.Equal(0, server.Port);
        f.Links.Send(id, Encoding.ASCII.GetBytes("still here"), 0, 10);
        var buf = new byte[16];
        c.GetStream().ReadTimeout = 5000;
        Assert.Equal("still here", Encoding.ASCII.GetString(buf, 0, c.GetStream().Read(buf)));
        server.Start(8101);
        server.Stop(closeClients: true);
        Assert.True(SpinWait.SpinUntil(() => f.Links.StateOf(id) == LinkState.RemoteClosed, 5000));
    }
}
