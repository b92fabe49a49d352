using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Emulator.Radio;
using Esp32At.Hosting;
using Esp32At.Tests.Device;
using Esp32At.Wifi;

namespace Esp32At.Tests.Wifi;

/// <summary>An initialised device and its Wi-Fi service over an instant-timing emulator, with the wire recorded.</summary>
public sealed class WifiOnEmulator : IDisposable
{
    public WifiOnEmulator(string profile = "v4.1.1-c3", params AccessPoint[] accessPoints)
    {
        var options = new EmulatorOptions { Profile = FirmwareProfile.Named(profile), SpeedFactor = 0, BootTimeMs = 0 };
        if (accessPoints.Length > 0) options = options with { AccessPoints = accessPoints };
        Emulator = new EspEmulator(options);
        Wire = new RecordingTransport(new EmulatorTransport(Emulator));
        Device = new Esp32AtDevice(Wire, new Esp32AtOptions());
        Device.Initialize();
        Wifi = new WifiService(Device);
        Mark();
    }

    public EspEmulator Emulator { get; }
    public RecordingTransport Wire { get; }
    public Esp32AtDevice Device { get; }
    public WifiService Wifi { get; }
    private int mark;

    /// <summary>Starts a new section of the wire record.</summary>
    public void Mark() => mark = Wire.Written.Length;

    /// <summary>What the host wrote since the last <see cref="Mark"/>.</summary>
    public string WrittenSinceMark => Wire.Written[mark..];

    public void Dispose()
    {
        Device.Dispose();
        Emulator.Dispose();
    }
}
