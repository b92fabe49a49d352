namespace Esp32At.Emulator.Radio;

/// <summary>The soft-AP configuration (spec §2.2 CWSAP): what <c>AT+CWSAP?</c> prints, password included.</summary>
public sealed record SoftApConfig(string Ssid, string Password, int Channel, int Ecn, int MaxConnections, int Hidden);
