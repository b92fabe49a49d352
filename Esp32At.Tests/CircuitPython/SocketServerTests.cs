using System.Net;
using System.Net.Sockets;
using Esp32At.CircuitPython;
using CpSocket = Esp32At.CircuitPython.Socket;

namespace Esp32At.Tests.CircuitPython;

/// <summary>socketpool server sockets: bind, listen, accept over the ESP's server, reached through the emulator's port map.</summary>
public sealed class SocketServerTests : IDisposable
{
    private readonly SocketPoolFixture f = new();

    public void Dispose() => f.Dispose();

    [Fact]
    public void Accept_FiveConcurrentClients_EachWithItsOwnStreamAndAddress()
    {
        using var server = f.Tcp();
        server.Bind("0.0.0.0", 8080);
        server.Listen(1); // the backlog is no connection limit
        var host = f.Emulator.Links.Ports.TcpServer(8080);
        Assert.NotNull(host);
        var clients = new List<TcpClient>();
        var accepted = new List<CpSocket>();
        try
        {
            for (int i = 0; i < 5; i++)
            {
                var c = new TcpClient();
                c.Connect(host!);
                clients.Add(c);
            }
            server.SetTimeout(5);
            var addresses = new List<SocketEndpoint>();
            for (int i = 0; i < 5; i++)
            {
                accepted.Add(server.Accept(out var address));
                addresses.Add(address);
            }
            Assert.All(addresses, a => Assert.Equal("127.0.0.1", a.Ip));
            var clientPorts = clients.Select(c => ((IPEndPoint)c.Client.LocalEndPoint!).Port).OrderBy(p => p);
            Assert.Equal(clientPorts, addresses.Select(a => a.Port).OrderBy(p => p));
            Assert.Equal(5, accepted.Select(a => a.Link).Distinct().Count());
            // Each client talks on its own link: write i, read it back from the matching accepted socket.
            for (int i = 0; i < 5; i++) clients[i].GetStream().Write(new[] { (byte)('A' + i) });
            for (int i = 0; i < 5; i++)
            {
                var s = accepted[addresses.FindIndex(a => a.Port == ((IPEndPoint)clients[i].Client.LocalEndPoint!).Port)];
                s.SetTimeout(5);
                var buf = new byte[1];
                Assert.Equal(1, s.RecvInto(buf));
                Assert.Equal((byte)('A' + i), buf[0]);
                s.Send(new[] { (byte)('a' + i) });
                var back = new byte[1];
                clients[i].ReceiveTimeout = 5000;
                Assert.Equal(1, clients[i].GetStream().Read(back));
                Assert.Equal((byte)('a' + i), back[0]);
            }
        }
        finally
        {
            foreach (var a in accepted) a.Close();
            foreach (var c in clients) c.Dispose();
        }
    }

    [Fact]
    public void Accept_TimeoutZero_IsEagain_PositiveIsEtimedout()
    {
        using var server = f.Tcp();
        server.Bind("0.0.0.0", 8081);
        server.Listen(5);
        server.SetTimeout(0);
        Assert.Equal(Errno.EAGAIN, Assert.Throws<OSError>(() => server.Accept()).Errno);
        server.SetTimeout(0.2);
        Assert.Equal(Errno.ETIMEDOUT, Assert.Throws<OSError>(() => server.Accept()).Errno);
    }

    [Fact]
    public void Select_SeesAWaitingClient_OnTheListeningSocket()
    {
        using var server = f.Tcp();
        server.Bind("0.0.0.0", 8082);
        server.Listen(5);
        Assert.Empty(SocketPool.Select([server], null, 0).Readable);
        using var c = new TcpClient();
        c.Connect(f.Emulator.Links.Ports.TcpServer(8082)!);
        Assert.Same(server, Assert.Single(SocketPool.Select([server], null, 5).Readable));
        using var accepted = server.Accept();
        Assert.True(accepted.Link >= 0);
    }

    [Fact]
    public void ClientClosing_IsEndOfStream_OnTheAcceptedSocket()
    {
        using var server = f.Tcp();
        server.Bind("0.0.0.0", 8083);
        server.Listen(5);
        var c = new TcpClient();
        c.Connect(f.Emulator.Links.Ports.TcpServer(8083)!);
        c.GetStream().Write("last"u8);
        c.Dispose();
        using var accepted = server.Accept();
        Assert.Equal("last"u8.ToArray(), SocketPoolFixture.ReadAll(accepted, 100));
        Assert.Equal(0, accepted.RecvInto(new byte[4]));
    }

    [Fact]
    public void OneServerOnly_ListenWithoutBind_AndAcceptWithoutListen_AreRefused()
    {
        using var server = f.Tcp();
        server.Bind("0.0.0.0", 8084);
        server.Listen(5);
        using var second = f.Tcp();
        second.Bind("0.0.0.0", 8085);
        Assert.Equal(Errno.EADDRINUSE, Assert.Throws<OSError>(() => second.Listen(5)).Errno);
        using var unbound = f.Tcp();
        Assert.Equal(Errno.EINVAL, Assert.Throws<OSError>(() => unbound.Listen(5)).Errno);
        Assert.Equal(Errno.EINVAL, Assert.Throws<OSError>(() => unbound.Accept()).Errno);
        server.Close();
        second.Listen(5); // the ESP's server is free again
    }
}
