using System.Net;
using System.Text;
using Esp32At.CircuitPython;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.CircuitPython;

/// <summary>The CircuitPython face with WifiInitOptions.Ipv6 over the emulator's IPv6: addresses, AF_INET6 sockets, getaddrinfo.</summary>
[Collection(CircuitPythonWifiCollection.Name)]
public sealed class Ipv6FaceEndToEndTests
{
    [Fact]
    public void AddressesGetIpv6AndAnInet6SocketEchoesThroughTheEmulator()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo, IPAddress.IPv6Loopback);
        using var f = new CircuitPythonWifi(new WifiInitOptions { Ipv6 = true });
        f.Emulator.Links.Dns.Add("v6.test", IPAddress.IPv6Loopback);
        f.Radio.Connect("Home", "secret-pass");
        string[] addresses = [];
        for (int i = 0; i < 100 && addresses.Length < 3; i++) { addresses = f.Radio.Addresses; Thread.Sleep(20); }
        Assert.Equal(3, addresses.Length);
        Assert.StartsWith("FE80::", addresses[0]);
        Assert.Equal(addresses[0].ToUpperInvariant(), addresses[0]);
        Assert.Equal(f.Radio.Ipv4Address!.ToString(), addresses[2]);

        var pool = new SocketPool(f.Radio);
        var info = pool.GetAddrInfo("v6.test", server.Port, SocketPool.AF_INET6)[0];
        Assert.Equal(new SocketEndpoint("::1", server.Port), info.Address);
        var sock = pool.Socket(SocketPool.AF_INET6, SocketPool.SOCK_STREAM);
        sock.SetTimeout(5);
        sock.Connect(info.Address);
        sock.Send(Encoding.ASCII.GetBytes("cp6"));
        var buffer = new byte[8];
        int n = sock.RecvInto(buffer);
        Assert.Equal("cp6", Encoding.ASCII.GetString(buffer, 0, n));
        sock.Close();
    }

    [Fact]
    public void WithoutTheOptionAddressesStayIpv4()
    {
        using var f = new CircuitPythonWifi();
        f.Radio.Connect("Home", "secret-pass");
        Thread.Sleep(100);
        Assert.Equal([f.Radio.Ipv4Address!.ToString()], f.Radio.Addresses);
    }
}

/// <summary>bind + listen + accept on an AF_INET6 socket: the ESP's "TCPv6" server, the client's IPv6 address.</summary>
[Collection(CircuitPythonWifiCollection.Name)]
public sealed class Ipv6FaceServerTests
{
    [Fact]
    public void AnInet6ListenerAcceptsAnIpv6Client()
    {
        using var f = new CircuitPythonWifi(new WifiInitOptions { Ipv6 = true });
        f.Radio.Connect("Home", "secret-pass");
        for (int i = 0; i < 100 && f.Radio.Addresses.Length < 2; i++) Thread.Sleep(20);
        var pool = new SocketPool(f.Radio);
        var listener = pool.Socket(SocketPool.AF_INET6, SocketPool.SOCK_STREAM);
        listener.Bind("", 8081);
        listener.Listen(1);
        Assert.Contains("AT+CIPSERVER=1,8081,\"TCPv6\"\r\n", f.WrittenSinceMark);
        using var client = new System.Net.Sockets.TcpClient(System.Net.Sockets.AddressFamily.InterNetworkV6);
        client.Connect(f.Emulator.Links.Ports.TcpServer(8081)!);
        listener.SetTimeout(5);
        var conn = listener.Accept(out var from);
        Assert.Equal(new SocketEndpoint("::1", ((IPEndPoint)client.Client.LocalEndPoint!).Port), from);
        client.GetStream().Write("hello6"u8);
        var buffer = new byte[8];
        conn.SetTimeout(5);
        Assert.Equal("hello6", Encoding.ASCII.GetString(buffer, 0, conn.RecvInto(buffer)));
        conn.Close();
        listener.Close();
    }
}
