namespace Esp32At.Emulator.Core;

/// <summary>The settings of the emulated firmware (power-on defaults from spec §8).</summary>
public sealed class EmulatorState
{
    public bool Echo { get; set; } = true;
    public bool SysLog { get; set; }
    public int SysStore { get; set; } = 1;
    public int SysMsg { get; set; }
    public int CipMux { get; set; }
    public int CipMode { get; set; }
    public bool CipDInfo { get; set; }
    public int[] RecvMode { get; } = new int[5];
    public int CipServerMaxConn { get; set; } = 5;
    public int CipSto { get; set; }
    public int TransIntvl { get; set; } = 20;
    public int CwMode { get; set; } = 1;
    /// <summary>AT+SLEEP: 0 none, 1 modem-sleep (DTIM), 2 light-sleep, 3 modem-sleep (listen interval).</summary>
    public int SleepMode { get; set; } = Commands.SleepCommands.PowerOnMode;
    public int UartBaud { get; set; } = 115200;
    public int UartFlow { get; set; } = 1;
    /// <summary>CWSTATE: 0 not started, 1 connected without IP, 2 got IP, 3 connecting, 4 disconnected.</summary>
    public int WifiState { get; set; }
    /// <summary>The access point joined (or being joined), or null.</summary>
    public Radio.AccessPoint? JoinedAp { get; set; }
    /// <summary>Whether WIFI DISCONNECT was printed for the current disconnected episode (spec §3).</summary>
    public bool DisconnectReported { get; set; }
    /// <summary>The rate the UART starts at after a reboot: AT+UART_DEF's (persistent), else the factory 115200.</summary>
    public int UartBootBaud { get; set; } = 115200;
    /// <summary>Wi-Fi settings, soft-AP, SNTP and mDNS state (the radio helper's area).</summary>
    public Radio.RadioState Wireless { get; } = new();
    /// <summary>Volatile link settings (CIPSENDLCFG; the network helper's area).</summary>
    public Network.LinkSettings Net { get; } = new();
    /// <summary>AT+CIPV6 and the station's IPv6 addresses (docs/esp-at-ipv6.md).</summary>
    public Radio.StationIpv6 Ipv6 { get; } = new();

    /// <summary>Back to the factory power-on state (the boot then applies what NVS saved, see <see cref="NvsStore"/>).</summary>
    public void Reset()
    {
        Echo = true;
        SysLog = false;
        SysStore = 1; // [UNVERIFIED] the mfg_nvs default again; the spec does not list SYSSTORE among the saved settings
        SysMsg = 0;
        CwMode = 1;
        SleepMode = Commands.SleepCommands.PowerOnMode;
        CipMux = 0;
        CipMode = 0;
        TransIntvl = 20;
        CipDInfo = false;
        Array.Clear(RecvMode);
        CipServerMaxConn = 5;
        CipSto = 0;
        UartBaud = UartBootBaud;
        WifiState = 0;
        JoinedAp = null;
        DisconnectReported = false;
        Wireless.Reset();
        Net.Reset();
        Ipv6.Reset();
    }
}
