namespace Esp32At.Emulator.Radio;

/// <summary>CWLAPOPT (spec §2.2): which of the 11 CWLAP fields print, the RSSI floor and the auth modes listed.</summary>
public sealed record ScanOptions(int PrintMask = 0x7FF, int RssiFilter = -100, int AuthModeMask = 0xFFFF);
