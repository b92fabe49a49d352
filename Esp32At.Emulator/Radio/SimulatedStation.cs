namespace Esp32At.Emulator.Radio;

/// <summary>A station associated with the emulated soft-AP; <paramref name="Ip"/> is null until (unless) the AP's DHCP server leased one.</summary>
public sealed record SimulatedStation(string Mac, string? Ip);
