using GHIElectronics.TinyCLR.Framework;
using System.Net;
using System.Net.Sockets;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.TinyClr;

/// <summary>TinyCLR's Socket/Dns/NetworkStream call sequences over the provider, against the emulator and real loopback peers.</summary>
public class ProviderSocketTests
{
    [Fact]
    public void TcpClientResolvesConnectsAndEchoesTenKilobytesIntact()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var f = new ProviderFixture();
        var addresses = FrameworkDns.GetHostEntry(f.Provider, "echo.test").AddressList;
        Assert.Equal(new[] { IPAddress.Loopback }, addresses);
        using var s = f.Tcp();
        s.Connect(new IPEndPoint(addresses[0], server.Port));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, server.Port), s.RemoteEndPoint); // NetworkStream's constructor reads it
        Assert.Equal((int)SocketType.Stream, s.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Type));
        var data = new byte[10_000];
        new Random(7).NextBytes(data);
        Assert.Equal(data.Length, s.Send(data));
        var got = new MemoryStream();
        var buf = new byte[1500];
        while (got.Length < data.Length) got.Write(buf, 0, s.Receive(buf));
        Assert.Equal(data, got.ToArray());
    }

    [Fact]
    public void ASixthConnectionIsTooManyOpenSockets_WithoutASixthCipStart()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var f = new ProviderFixture();
        var open = new List<FrameworkSocket>();
        try
        {
            for (int i = 0; i < 5; i++)
            {
                var s = f.Tcp();
                open.Add(s);
                s.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
                Assert.Equal(1, s.Send(new byte[] { 1 })); // the deferred connect opens the link here
            }
            using var extra = f.Tcp();
            extra.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
            var e = Assert.Throws<SocketException>(() => extra.Send(new byte[] { 1 }));
            Assert.Equal(SocketError.TooManyOpenSockets, e.SocketErrorCode);
            Assert.Equal((int)SocketError.TooManyOpenSockets, extra.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error));
        }
        finally
        {
            foreach (var s in open) s.Dispose();
        }
    }

    [Fact]
    public void UnknownNameIsHostNotFound()
    {
        using var f = new ProviderFixture();
        var e = Assert.Throws<SocketException>(() => FrameworkDns.GetHostEntry(f.Provider, "nowhere.test"));
        Assert.Equal(SocketError.HostNotFound, e.SocketErrorCode);
    }

    [Fact]
    public void ARefusedConnectionSurfacesAtTheFirstSendAsConnectionRefused()
    {
        var port = FreePort();
        using var f = new ProviderFixture();
        using var s = f.Tcp();
        s.Connect(new IPEndPoint(IPAddress.Loopback, port)); // deferred: TLS may still follow
        var e = Assert.Throws<SocketException>(() => s.Send(new byte[] { 1 }));
        Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
        Assert.Equal((int)SocketError.ConnectionRefused, s.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error));
    }

    [Fact]
    public void PollReportsWritableAfterConnectReadableOnDataAndOnEndOfStream()
    {
        using var go = new ManualResetEventSlim();
        using var server = new LoopbackServer(st =>
        {
            go.Wait(5000);
            st.Write(new byte[] { 1, 2, 3 });
        });
        using var f = new ProviderFixture();
        using var s = f.Tcp();
        s.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        Assert.True(f.Provider.Poll(s.Handle, 0, SelectMode.SelectWrite));
        Assert.False(f.Provider.Poll(s.Handle, 0, SelectMode.SelectRead)); // opens the link; nothing sent yet
        go.Set();
        Assert.True(s.Poll(5_000_000, SelectMode.SelectRead));
        Assert.Equal(3, s.Available);
        var buf = new byte[8];
        Assert.Equal(3, s.Receive(buf));
        // The server closed after writing: readable with nothing available means closed (HttpListener relies on it).
        Assert.True(s.Poll(5_000_000, SelectMode.SelectRead));
        Assert.Equal(0, s.Available);
        Assert.Equal(0, s.Receive(buf));
        Assert.False(f.Provider.Poll(s.Handle, 0, SelectMode.SelectError));
    }

    [Fact]
    public void ReceiveTimesOutTheWayTinyClrDoesWithoutBlockingTheProvider()
    {
        using var hold = new ManualResetEventSlim();
        using var server = new LoopbackServer(_ => hold.Wait(10_000));
        using var f = new ProviderFixture();
        using var s = f.Tcp();
        s.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        s.ReceiveTimeout = 300;
        var started = DateTime.UtcNow;
        var e = Assert.Throws<Exception>(() => s.Receive(new byte[16]));
        Assert.Equal("Socket receive timeout", e.Message);
        Assert.InRange((DateTime.UtcNow - started).TotalMilliseconds, 250, 5000);
        hold.Set();
    }

    [Fact]
    public void CloseIsIdempotentAndAClosedHandleIsNotASocket()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var f = new ProviderFixture();
        var s = f.Tcp();
        int h = s.Handle;
        s.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        s.Send(new byte[] { 9 });
        f.Provider.Close(h); // SslStream.Dispose closes the same handle first
        s.Dispose();
        var e = Assert.Throws<SocketException>(() => f.Provider.Poll(h, 0, SelectMode.SelectRead));
        Assert.Equal(SocketError.NotSocket, e.SocketErrorCode);
    }

    [Fact]
    public void CreateRejectsWhatTheEspCannotDo()
    {
        // InterNetworkV6 only with Esp32AtOptions.Ipv6 (ProviderIpv6ScriptedTests); off by default.
        using var f = new ProviderFixture(enable: false);
        Assert.Equal(SocketError.AddressFamilyNotSupported,
            Assert.Throws<SocketException>(() => f.Provider.Create(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp)).SocketErrorCode);
        Assert.Equal(SocketError.ProtocolNotSupported,
            Assert.Throws<SocketException>(() => f.Provider.Create(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp)).SocketErrorCode);
        Assert.NotEqual(-1, f.Provider.Create(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
    }

    [Fact]
    public void OptionsAreRememberedAndUnknownOnesRefused()
    {
        using var f = new ProviderFixture(enable: false);
        using var s = f.Tcp();
        s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveTimeout, 1234);
        s.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, 1);
        s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, 1);
        Assert.Equal(1234, s.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveTimeout));
        Assert.Equal(1, s.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay));
        Assert.Equal(1, s.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress));
        Assert.Equal(SocketError.ProtocolOption,
            Assert.Throws<SocketException>(() => s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Broadcast, 1)).SocketErrorCode);
    }

    [Fact]
    public void AResetEspFailsTheSocketThenTheProviderRecoversAndConnectsAgain()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var f = new ProviderFixture();
        using var s = f.Tcp();
        s.Connect(new IPEndPoint(IPAddress.Loopback, server.Port));
        s.Send(new byte[] { 1 });
        Assert.Equal(1, s.Receive(new byte[4]));
        f.Emulator.Reboot();
        Assert.True(f.Provider.Device.WaitForRecovery(10_000));
        var e = Assert.Throws<SocketException>(() => s.Send(new byte[] { 2 }));
        Assert.Equal(SocketError.ConnectionReset, e.SocketErrorCode);
        Assert.True(f.Provider.Poll(s.Handle, 0, SelectMode.SelectError));
        Assert.True(f.Provider.Wifi.WaitForState(Esp32At.Wifi.StationState.GotIp, 10_000)); // the Wi-Fi service re-joined
        using var server2 = new LoopbackServer(LoopbackServer.Echo);
        using var again = f.Tcp();
        again.Connect(new IPEndPoint(IPAddress.Loopback, server2.Port));
        again.Send(new byte[] { 3 });
        var buf = new byte[4];
        Assert.Equal(1, again.Receive(buf));
        Assert.Equal(3, buf[0]);
    }

    internal static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
