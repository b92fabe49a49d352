using Esp32At.Emulator.Profiles;

namespace Esp32At.Emulator.Core;

/// <summary>How an emulator instance is set up.</summary>
public sealed record EmulatorOptions
{
    public FirmwareProfile Profile { get; init; } = FirmwareProfile.V4_1_1_C3;
    /// <summary>Scale of every firmware delay (1 = realistic, 0 = instant).</summary>
    public double SpeedFactor { get; init; } = 1.0;
    /// <summary>Firmware time from power-on/reset to <c>ready</c>, in ms (spec §1.2: about 0.5-2 s).</summary>
    public int BootTimeMs { get; init; } = 800;
    /// <summary>Access points in range of the emulated station.</summary>
    public IReadOnlyList<Radio.AccessPoint> AccessPoints { get; init; } = [new("Home", "secret-pass")];
    /// <summary>Firmware time from CWJAP to WIFI CONNECTED, and again to WIFI GOT IP (spec §8: 1-3 s and 0.5-3 s).</summary>
    public int JoinTimeMs { get; init; } = 1500;
    /// <summary>Firmware time of a CWLAP scan (spec §8: 2-4 s).</summary>
    public int ScanTimeMs { get; init; } = 2500;
    /// <summary>The station's DHCP lease.</summary>
    public string StationIp { get; init; } = "192.168.1.50";
}
