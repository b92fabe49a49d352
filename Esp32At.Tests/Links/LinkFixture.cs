using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Hosting;
using Esp32At.Links;

namespace Esp32At.Tests.Links;

/// <summary>An initialised device with its connection table, over an instant-timing emulator.</summary>
public sealed class LinkFixture : IDisposable
{
    public LinkFixture(string profile = "v4.1.1-c3", bool ipv6 = false, bool activeTcp = false)
    {
        Emulator = new EspEmulator(new EmulatorOptions { Profile = FirmwareProfile.Named(profile), SpeedFactor = 0, BootTimeMs = 0 });
        Device = new Esp32AtDevice(new EmulatorTransport(Emulator), new Esp32AtOptions { Ipv6 = ipv6, ActiveTcpReceive = activeTcp });
        Device.Initialize();
        Device.Executor.Execute("AT+CWMODE=1", 2000);
        Device.Executor.Execute("AT+CWJAP=\"Home\",\"secret-pass\"", 5000, resendOnBusy: false); // the Wi-Fi service will own this
        Links = new ConnectionTable(Device);
    }

    public EspEmulator Emulator { get; }
    public Esp32AtDevice Device { get; }
    public ConnectionTable Links { get; }

    /// <summary>Reads until <paramref name="total"/> bytes or end of stream.</summary>
    public byte[] ReadAll(int link, int total, int chunk = 1024)
    {
        var result = new MemoryStream();
        var buf = new byte[chunk];
        while (result.Length < total)
        {
            int n = Links.Receive(link, buf, 0, buf.Length, 5000);
            if (n == 0) break;
            result.Write(buf, 0, n);
        }
        return result.ToArray();
    }

    public void Dispose()
    {
        Device.Dispose();
        Emulator.Dispose();
    }
}
