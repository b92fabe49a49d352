namespace Esp32At.Emulator.Network;

/// <summary>Volatile link settings of the emulated firmware (power-on defaults of spec §8).</summary>
public sealed class LinkSettings
{
    /// <summary>CIPSENDLCFG: a <c>+CIPSENDL:</c> progress line every this many bytes (100..1048576, default 1024).</summary>
    public int SendLReportSize { get; set; } = 1024;
    /// <summary>CIPSENDLCFG: bytes per network send (100..2920, default 2920).</summary>
    public int SendLTransmitSize { get; set; } = 2920;

    /// <summary>CIPTCPOPT per link id 0-4 (single-connection mode uses id 0).</summary>
    public TcpSocketOptions[] TcpOptions { get; } = Enumerable.Range(0, 5).Select(_ => new TcpSocketOptions()).ToArray();

    public void Reset()
    {
        for (int i = 0; i < TcpOptions.Length; i++) TcpOptions[i] = new TcpSocketOptions();
        SendLReportSize = 1024;
        SendLTransmitSize = 2920;
    }
}
