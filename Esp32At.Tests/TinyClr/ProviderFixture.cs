using GHIElectronics.TinyCLR.Framework;
using System.Net;
using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Hosting;
using Esp32At.TinyCLR.Provider;
using GHIElectronics.TinyCLR.Devices.Network;

namespace Esp32At.Tests.TinyClr;

/// <summary>
/// The provider as a TinyCLR app sets it up (FromProvider, SetInterfaceSettings, SetAsDefaultController, Enable), over an
/// instant-timing emulator whose DNS knows <c>echo.test</c> and <c>localhost</c> as 127.0.0.1.
/// </summary>
public sealed class ProviderFixture : IDisposable
{
    public ProviderFixture(string profile = "v4.1.1-c3", bool enable = true)
    {
        Emulator = new EspEmulator(new EmulatorOptions { Profile = FirmwareProfile.Named(profile), SpeedFactor = 0, BootTimeMs = 0 });
        Emulator.Links.Dns.Add("echo.test", IPAddress.Loopback);
        Emulator.Links.Dns.Add("localhost", IPAddress.Loopback);
        Provider = new Esp32AtNetworkProvider(new EmulatorTransport(Emulator), new Esp32AtOptions());
        Controller = NetworkController.FromProvider(Provider);
        Controller.SetInterfaceSettings(new WiFiNetworkInterfaceSettings { Ssid = "Home", Password = "secret-pass" });
        Controller.SetAsDefaultController();
        if (enable) Controller.Enable();
    }

    public EspEmulator Emulator { get; }
    public Esp32AtNetworkProvider Provider { get; }
    public NetworkController Controller { get; }

    /// <summary>A TCP socket as TinyCLR's Socket, with 10 s timeouts (GHI's default is infinite) so a fault fails rather than hangs.</summary>
    public FrameworkSocket Tcp() => new(Provider) { ReceiveTimeout = 10_000, SendTimeout = 10_000 };

    public void Dispose()
    {
        Provider.Dispose();
        Emulator.Dispose();
    }
}
