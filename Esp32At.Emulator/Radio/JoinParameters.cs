namespace Esp32At.Emulator.Radio;

/// <summary>The optional CWJAP arguments the firmware keeps and echoes in <c>AT+CWJAP?</c> (spec §2.2; defaults there).</summary>
public sealed record JoinParameters(int PciEn = 0, int ReconnectInterval = 1, int ListenInterval = 3, int ScanMode = 0, int JapTimeoutS = 15, int Pmf = 1);
