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
}
