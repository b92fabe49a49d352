using Esp32At.CircuitPython;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Hosting;
using Esp32At.Tests.Device;
using CpWifi = Esp32At.CircuitPython.Wifi;

namespace Esp32At.Tests.CircuitPython;

/// <summary>Tests that use the static <c>wifi</c> module run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CircuitPythonWifiCollection
{
    public const string Name = "CircuitPython wifi module";
}

/// <summary><see cref="CpWifi.Init"/> over an instant-timing emulator, with the wire recorded.</summary>
public sealed class CircuitPythonWifi : IDisposable
{
    private int mark;

    public CircuitPythonWifi(WifiInitOptions? options = null, string profile = "v4.1.1-c3")
    {
        Emulator = new EspEmulator(new EmulatorOptions { Profile = FirmwareProfile.Named(profile), SpeedFactor = 0, BootTimeMs = 0 });
        Wire = new RecordingTransport(new EmulatorTransport(Emulator));
        Assert.True(CpWifi.Init(Wire, options ?? new WifiInitOptions()), "init failed: " + CpWifi.LastInitError);
        Radio = CpWifi.Radio;
        Mark();
    }

    public EspEmulator Emulator { get; }
    public RecordingTransport Wire { get; }
    public Radio Radio { get; }

    public void Mark() => mark = Wire.Written.Length;
    public string WrittenSinceMark => Wire.Written[mark..];

    public void Dispose()
    {
        CpWifi.Deinit();
        Emulator.Dispose();
    }
}
