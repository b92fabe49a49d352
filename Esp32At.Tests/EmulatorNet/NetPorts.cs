using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>Raw ports at an emulator that has joined Wi-Fi, set up for the network tests.</summary>
public static class NetPorts
{
    /// <summary>ATE0, CIPMUX, receive mode, CIPDINFO as asked, joined; ESP ports map to ephemeral host ports.</summary>
    /// <param name="ipv6">AT+CIPV6=1 before the join, and the join's IPv6 notices read (docs/esp-at-ipv6.md).</param>
    public static RawPort Joined(FirmwareProfile? profile = null, bool mux = true, bool passive = false, bool dinfo = false, bool ipv6 = false)
    {
        profile ??= FirmwareProfile.V4_1_1_C3;
        var port = new RawPort(options: new EmulatorOptions { Profile = profile, SpeedFactor = 0, BootTimeMs = 0, HostPortsSameIfFree = false });
        port.Command("ATE0");
        if (mux) port.Command("AT+CIPMUX=1");
        if (passive) port.Command(profile.HasCipRecvType ? (mux ? "AT+CIPRECVTYPE=5,1" : "AT+CIPRECVTYPE=1") : "AT+CIPRECVMODE=1");
        if (dinfo) port.Command("AT+CIPDINFO=1");
        if (ipv6) port.Command("AT+CIPV6=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        if (ipv6) port.ReadUntil("WIFI GOT IPv6 GL\r\n");
        return port;
    }

    /// <summary>
    /// After a one-byte CIPSEND: reads up to SEND OK and makes sure <paramref name="notice"/> came too, before or after it (a URC may land
    /// between Recv and SEND OK, spec §3); fails when anything else shows up.
    /// </summary>
    public static void AwaitOneByteSentAndNotice(this RawPort port, string notice)
    {
        var sent = port.ReadUntil("SEND OK\r\n");
        Assert.Equal("\r\nRecv 1 bytes\r\n\r\nSEND OK\r\n", sent.Replace(notice, ""));
        if (!sent.Contains(notice)) Assert.Equal(notice, port.ReadUntil(notice));
    }

    /// <summary>Sends raw bytes (no CR LF) as one UART burst.</summary>
    public static void SendBytes(this RawPort port, byte[] data) => port.Emulator.Port.HostWrite(data, 0, data.Length);

    /// <summary>Writes <paramref name="content"/> into mfg_nvs with AT+SYSMFG (type 8), checking the exact exchange.</summary>
    public static void Provision(this RawPort port, string ns, string key, string content)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(content);
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command($"AT+SYSMFG=2,\"{ns}\",\"{key}\",8,{bytes.Length}", ">"));
        port.SendBytes(bytes);
        Assert.Equal("\r\nOK\r\n", port.ReadUntil("\r\nOK\r\n"));
    }

    /// <summary>Polls until <paramref name="condition"/> holds (bounded: fails after 5 s).</summary>
    public static void Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            Thread.Sleep(10);
        }
    }
}
