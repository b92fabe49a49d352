using System.Net;
using System.Net.Sockets;
using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Hosting;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.TinyClr;

/// <summary>
/// The TINYCLR_V3 code paths of the provider (docs/tinyclr-provider.md, "Version differences"), on the 3.0 build of
/// the provider (<see cref="ProviderV3Build"/>) over the emulator: Receive's -2 / 0, Shutdown, Accept's -1; each
/// beside the 2.2 build's answer where the two differ.
/// </summary>
public class ProviderV3Tests
{
    /// <summary>The provider set up as ProviderFixture does (FromProvider, SetInterfaceSettings, Enable), 3.0 or 2.2 build.</summary>
    private sealed class Setup : IDisposable
    {
        public Setup(bool v3)
        {
            Emulator = new EspEmulator(new EmulatorOptions { Profile = FirmwareProfile.Named("v4.1.1-c3"), SpeedFactor = 0, BootTimeMs = 0 });
            var transport = new EmulatorTransport(Emulator);
            if (v3)
            {
                Provider = Activator.CreateInstance(ProviderV3Build.Type("Esp32At.TinyCLR.Provider.Esp32AtNetworkProvider"), transport, new Esp32AtOptions())!;
                dynamic settings = Activator.CreateInstance(ProviderV3Build.Type("GHIElectronics.TinyCLR.Devices.Network.WiFiNetworkInterfaceSettings"))!;
                settings.Ssid = "Home";
                settings.Password = "secret-pass";
                var fromProvider = ProviderV3Build.Type("GHIElectronics.TinyCLR.Devices.Network.NetworkController").GetMethod("FromProvider")!;
                dynamic controller = fromProvider.Invoke(null, [Provider])!;
                controller.SetInterfaceSettings(settings);
                controller.Enable();
            }
            else
            {
                var provider = new Esp32At.TinyCLR.Provider.Esp32AtNetworkProvider(transport, new Esp32AtOptions());
                Provider = provider;
                var controller = GHIElectronics.TinyCLR.Devices.Network.NetworkController.FromProvider(provider);
                controller.SetInterfaceSettings(new GHIElectronics.TinyCLR.Devices.Network.WiFiNetworkInterfaceSettings { Ssid = "Home", Password = "secret-pass" });
                controller.Enable();
            }
        }

        public EspEmulator Emulator { get; }
        public dynamic Provider { get; }

        public int Tcp() => (int)Provider.Create(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        /// <summary>Receives until the answer is not "no data yet" (each call waits at most the provider's 50 ms quantum).</summary>
        public int ReceiveUntilNot(int noData, int handle, byte[] buffer)
        {
            for (int i = 0; i < 400; i++)
            {
                int n = (int)Provider.Receive(handle, buffer, 0, buffer.Length, SocketFlags.None);
                if (n != noData) return n;
            }
            return noData;
        }

        public void Dispose()
        {
            Provider.Dispose();
            Emulator.Dispose();
        }
    }

    [Fact]
    public void TheV3BuildIsTheOneWithShutdown()
    {
        var type = ProviderV3Build.Type("Esp32At.TinyCLR.Provider.Esp32AtNetworkProvider");
        Assert.NotNull(type.GetMethod("Shutdown", [typeof(int), typeof(SocketShutdown)]));
        Assert.Null(typeof(Esp32At.TinyCLR.Provider.Esp32AtNetworkProvider).GetMethod("Shutdown"));
        Assert.Contains(type.GetInterfaces(), i => i.FullName == "GHIElectronics.TinyCLR.Networking.INetworkProvider" && i.GetMethod("Shutdown") is not null);
    }

    [Theory]
    [InlineData(true, -2, 0)]   // 3.0: -2 = no data yet, 0 = end of stream
    [InlineData(false, 0, -1)]  // 2.2: 0 = no data yet (Socket sleeps and retries), -1 = end of stream
    public void ReceiveAnswersNoDataYetAndEndOfStreamByTheVersionsConvention(bool v3, int noData, int endOfStream)
    {
        using var go = new ManualResetEventSlim();
        using var server = new LoopbackServer(st =>
        {
            go.Wait(60_000); // a bound for a fault: the test sets it
            st.Write(new byte[] { 1, 2, 3 });
        });
        using var f = new Setup(v3);
        int h = f.Tcp();
        f.Provider.Connect(h, new IPEndPoint(IPAddress.Loopback, server.Port).Serialize());
        var buf = new byte[8];
        Assert.Equal(noData, (int)f.Provider.Receive(h, buf, 0, buf.Length, SocketFlags.None)); // opens the link; nothing sent yet
        go.Set();
        Assert.Equal(3, f.ReceiveUntilNot(noData, h, buf));
        Assert.Equal(new byte[] { 1, 2, 3 }, buf[..3]);
        Assert.Equal(endOfStream, f.ReceiveUntilNot(noData, h, buf)); // the server closed after writing
        Assert.Equal(endOfStream, (int)f.Provider.Receive(h, buf, 0, buf.Length, SocketFlags.None)); // and stays there
        f.Provider.Close(h);
    }

    [Theory]
    [InlineData(SocketShutdown.Send)]
    [InlineData(SocketShutdown.Both)]
    public void ShutdownOfSendingClosesTheLinkOnTheWireAndLeavesTheHandleAtEndOfStreamUntilClose(SocketShutdown how)
    {
        using var peerSawClose = new ManualResetEventSlim();
        using var server = new LoopbackServer(st =>
        {
            var b = new byte[16];
            int n;
            while ((n = st.Read(b, 0, b.Length)) > 0) st.Write(b, 0, n);
            peerSawClose.Set();
        });
        using var f = new Setup(v3: true);
        int h = f.Tcp();
        f.Provider.Connect(h, new IPEndPoint(IPAddress.Loopback, server.Port).Serialize());
        Assert.Equal(1, (int)f.Provider.Send(h, new byte[] { 7 }, 0, 1, SocketFlags.None));
        var buf = new byte[4];
        Assert.Equal(1, f.ReceiveUntilNot(-2, h, buf));
        using var wire = new WireLog(f.Emulator.Port);

        f.Provider.Shutdown(h, SocketShutdown.Receive); // nothing to tell the ESP: the link stays open
        Assert.Empty(wire.Sent("AT+CIPCLOSE"));
        Assert.Equal(1, (int)f.Provider.Send(h, new byte[] { 8 }, 0, 1, SocketFlags.None)); // still open both ways
        Assert.Equal(1, f.ReceiveUntilNot(-2, h, buf));

        f.Provider.Shutdown(h, how);
        Assert.Equal(new[] { "AT+CIPCLOSE=0\\r\\n" }, wire.Sent("AT+CIPCLOSE"));
        Assert.True(peerSawClose.Wait(20_000)); // a bound for a fault, not a speed target
        Assert.Equal(0, (int)f.Provider.Receive(h, buf, 0, buf.Length, SocketFlags.None)); // 3.0's end of stream
        Assert.Equal(0, (int)f.Provider.Available(h));
        Assert.True((bool)f.Provider.Poll(h, 0, SelectMode.SelectRead));
        Assert.False((bool)f.Provider.Poll(h, 0, SelectMode.SelectWrite));
        var e = Assert.Throws<SocketException>(() => { f.Provider.Send(h, new byte[] { 9 }, 0, 1, SocketFlags.None); });
        Assert.Equal(SocketError.Shutdown, e.SocketErrorCode);

        f.Provider.Close(h); // the link is already closed: no second AT+CIPCLOSE
        Assert.Single(wire.Sent("AT+CIPCLOSE"));
        e = Assert.Throws<SocketException>(() => { f.Provider.Poll(h, 0, SelectMode.SelectRead); });
        Assert.Equal(SocketError.NotSocket, e.SocketErrorCode);
    }

    [Fact]
    public void ShutdownOfAListenerOrAnUnknownHandleFails()
    {
        using var f = new Setup(v3: true);
        int listener = f.Tcp();
        f.Provider.Bind(listener, new IPEndPoint(IPAddress.Any, 8082).Serialize());
        f.Provider.Listen(listener, 1);
        var e = Assert.Throws<SocketException>(() => { f.Provider.Shutdown(listener, SocketShutdown.Both); });
        Assert.Equal(SocketError.NotConnected, e.SocketErrorCode);
        e = Assert.Throws<SocketException>(() => { f.Provider.Shutdown(12345, SocketShutdown.Send); });
        Assert.Equal(SocketError.NotSocket, e.SocketErrorCode);
        f.Provider.Close(listener);
    }

    [Fact]
    public void AcceptReturnsMinusOneWhenNothingIsPendingThenTheClient()
    {
        using var f = new Setup(v3: true);
        int listener = f.Tcp();
        f.Provider.Bind(listener, new IPEndPoint(IPAddress.Any, 8083).Serialize());
        f.Provider.Listen(listener, 1);
        Assert.Equal(-1, (int)f.Provider.Accept(listener)); // 2.2 would wait here while the listener is open
        using var c = new TcpClient();
        c.Connect(f.Emulator.Links.Ports.TcpServer(8083)!);
        int accepted = -1;
        for (int i = 0; i < 100 && accepted < 0; i++) accepted = (int)f.Provider.Accept(listener);
        Assert.True(accepted > 0);
        c.GetStream().Write(new byte[] { 42 });
        var buf = new byte[4];
        Assert.Equal(1, f.ReceiveUntilNot(-2, accepted, buf));
        Assert.Equal(42, buf[0]);
        f.Provider.Close(accepted);
        f.Provider.Close(listener);
    }
}
