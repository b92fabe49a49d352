using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Emulator;

/// <summary>
/// NVS (spec §2.1 AT+SYSSTORE, §1.2, §3): settings saved with SYSSTORE=1 survive a reboot, a stored network is joined
/// again after <c>ready</c> (CWAUTOCONN), AT+RESTORE forgets; a failed join keeps retrying per CWRECONNCFG.
/// </summary>
public class PersistenceBytesTests
{
    private static RawPort Quiet()
    {
        var port = new RawPort();
        port.Command("ATE0");
        return port;
    }

    private static string Reboot(RawPort port, string until = "\r\nready\r\n")
    {
        port.Send("AT+RST\r\n");
        return port.ReadUntil(until);
    }

    [Fact]
    public void AStoredJoinReconnectsAfterReady()
    {
        using var port = Quiet();
        Assert.Equal("+SYSSTORE:1\r\n\r\nOK\r\n", port.Command("AT+SYSSTORE?"));
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        Assert.Equal("\r\nOK\r\n\r\nready\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\n", Reboot(port, "WIFI GOT IP\r\n"));
        port.Command("ATE0");
        Assert.Equal("+CWSTATE:2,\"Home\"\r\n\r\nOK\r\n", port.Command("AT+CWSTATE?"));
        Assert.StartsWith("+CWJAP:\"Home\",\"5e:b1:86:92:aa:44\",", port.Command("AT+CWJAP?"));
    }

    [Fact]
    public void WithSysStore0NothingIsSavedButCwAutoConnAlwaysIs()
    {
        using var port = Quiet();
        port.Command("AT+SYSSTORE=0");
        port.Command("AT+CWMODE=3");
        port.Command("AT+SYSMSG=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Command("AT+CWAUTOCONN=0");
        Assert.Equal("\r\nOK\r\n\r\nready\r\n", Reboot(port));
        port.Command("ATE0");
        Assert.Equal("+SYSSTORE:1\r\n\r\nOK\r\n", port.Command("AT+SYSSTORE?"));
        Assert.Equal("+CWMODE:1\r\n\r\nOK\r\n", port.Command("AT+CWMODE?"));
        Assert.Equal("+SYSMSG:0\r\nOK\r\n", port.Command("AT+SYSMSG?"));
        Assert.Equal("+CWSTATE:0,\"\"\r\n\r\nOK\r\n", port.Command("AT+CWSTATE?"));
        Assert.Equal("+CWAUTOCONN:0\r\nOK\r\n", port.Command("AT+CWAUTOCONN?")); // no CR LF before OK
    }

    [Fact]
    public void AutoConnectOffKeepsTheNetworkForAnExplicitJoin()
    {
        using var port = Quiet();
        port.Command("AT+CWMODE=3");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Command("AT+CWAUTOCONN=0");
        Assert.Equal("\r\nOK\r\n\r\nready\r\n", Reboot(port));
        port.Command("ATE0");
        Assert.Equal("+CWMODE:3\r\n\r\nOK\r\n", port.Command("AT+CWMODE?"));
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n", port.Command("AT+CWJAP")); // the stored configuration
        Assert.Equal(0, port.Pending);
    }

    [Fact]
    public void RestoreForgetsEverything()
    {
        using var port = Quiet();
        port.Command("AT+CWMODE=2");
        port.Command("AT+CWAUTOCONN=0");
        port.Send("AT+RESTORE\r\n");
        Assert.Equal("\r\nOK\r\n\r\nready\r\n", port.ReadUntil("ready\r\n"));
        port.Command("ATE0");
        Assert.Equal("+CWMODE:1\r\n\r\nOK\r\n", port.Command("AT+CWMODE?"));
        Assert.Equal("+CWAUTOCONN:1\r\nOK\r\n", port.Command("AT+CWAUTOCONN?"));
        Assert.Empty(port.Emulator.Nvs.Keys);
    }

    [Fact]
    public void AutoConnectToAnUnreachableNetworkRetriesUntilItIsBack()
    {
        using var port = Quiet();
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Emulator.Radio.SetInRange("Home", false);
        Assert.Equal("\r\nOK\r\n\r\nready\r\nWIFI DISCONNECT\r\n", Reboot(port, "WIFI DISCONNECT\r\n"));
        int before = port.Emulator.Radio.BackgroundJoinAttempts;
        NetPorts.Eventually(() => port.Emulator.Radio.BackgroundJoinAttempts >= before + 2, "retries");
        Assert.Equal(0, port.Pending); // one WIFI DISCONNECT per episode
        port.Emulator.Radio.SetInRange("Home", true);
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\n", port.ReadUntil("WIFI GOT IP\r\n"));
    }

    [Fact]
    public void AFailedJoinRetriesInTheBackground()
    {
        using var port = Quiet();
        port.Emulator.Radio.SetInRange("Home", false);
        Assert.Equal("WIFI DISCONNECT\r\n+CWJAP:3\r\n\r\nERROR\r\n", port.Command("AT+CWJAP=\"Home\",\"secret-pass\"", "ERROR\r\n"));
        Assert.Equal("+CWSTATE:4,\"\"\r\n\r\nOK\r\n", port.Command("AT+CWSTATE?"));
        port.Emulator.Radio.SetInRange("Home", true);
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\n", port.ReadUntil("WIFI GOT IP\r\n"));
        Assert.Equal("+CWSTATE:2,\"Home\"\r\n\r\nOK\r\n", port.Command("AT+CWSTATE?"));
    }

    [Fact]
    public void RetriesStopAfterTheRepeatCountOrWithInterval0()
    {
        using var port = Quiet();
        port.Emulator.Radio.SetInRange("Home", false);
        port.Command("AT+CWRECONNCFG=1,2");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"", "ERROR\r\n");
        NetPorts.Eventually(() => port.Emulator.Radio.BackgroundJoinAttempts == 2, "two retries");
        port.Emulator.Radio.SetInRange("Home", true);
        Assert.Equal("+CWSTATE:4,\"\"\r\n\r\nOK\r\n", port.Command("AT+CWSTATE?"));
        Assert.Equal(2, port.Emulator.Radio.BackgroundJoinAttempts);

        port.Emulator.Radio.SetInRange("Home", false);
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\",,,0", "ERROR\r\n"); // reconn_interval 0: no retries
        port.Emulator.Radio.SetInRange("Home", true);
        port.Command("AT");
        Assert.Equal(2, port.Emulator.Radio.BackgroundJoinAttempts);
        Assert.Equal(0, port.Pending);
    }

    [Theory]
    [InlineData("v2.2.0-c3")]
    [InlineData("v3.3.0-c3")]
    [InlineData("v4.0.0-c6")]
    [InlineData("v4.1.1-c3")]
    public void CmdListsEveryCommandWithItsForms(string profile)
    {
        using var port = new RawPort(FirmwareProfile.Named(profile));
        port.Command("ATE0");
        var lines = port.Command("AT+CMD?").Split("\r\n").Where(l => l.StartsWith("+CMD:")).ToList();
        Assert.Equal(port.Emulator.Commands.Names.Count(), lines.Count);
        Assert.All(port.Emulator.Commands.Names, n => Assert.True(Esp32At.Emulator.Commands.CommandForms.Known(n), n));
        Assert.Equal(["+CMD:0,\"AT\",0,0,0,1", "+CMD:1,\"ATE0\",0,0,0,1", "+CMD:2,\"ATE1\",0,0,0,1"], lines.Take(3));
        Assert.Contains(lines, l => l.EndsWith(",\"AT+CWJAP\",0,1,1,1"));
        Assert.Contains(lines, l => l.EndsWith(",\"AT+CIPSTART\",0,0,1,0"));
        Assert.Contains(lines, l => l.EndsWith(",\"AT+CIPSTATUS\",0,0,0,1"));
        Assert.Equal(FirmwareProfile.Named(profile).HasCipRecvType, lines.Any(l => l.Contains("\"AT+CIPRECVTYPE\"")));
        Assert.Equal(Enumerable.Range(0, lines.Count).Select(i => $"+CMD:{i},"), lines.Select(l => l[..(l.IndexOf(',') + 1)]));
    }
}
