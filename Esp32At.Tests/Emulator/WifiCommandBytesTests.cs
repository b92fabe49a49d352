using Esp32At.Emulator.Core;
using Esp32At.Emulator.Radio;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Emulator;

/// <summary>Exact bytes of the station commands (spec §2.2, §3).</summary>
public class WifiCommandBytesTests
{
    private static RawPort Port()
    {
        var port = new RawPort();
        port.Command("ATE0");
        return port;
    }

    [Fact]
    public void JoinPrintsConnectedAndGotIpBeforeOkAndTheQueryNeverShowsThePassword()
    {
        using var port = Port();
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWMODE=1"));
        Assert.Equal("+CWSTATE:0,\"\"\r\n\r\nOK\r\n", port.Command("AT+CWSTATE?"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWJAP?")); // not connected: no +CWJAP line
        Assert.Equal("WIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n", port.Command("AT+CWJAP=\"Home\",\"secret-pass\""));
        Assert.Equal("+CWSTATE:2,\"Home\"\r\n\r\nOK\r\n", port.Command("AT+CWSTATE?"));
        var query = port.Command("AT+CWJAP?");
        Assert.Equal("+CWJAP:\"Home\",\"5e:b1:86:92:aa:44\",6,-48,0,1,3,0,1\r\n\r\nOK\r\n", query);
        Assert.DoesNotContain("secret-pass", query);
    }

    [Theory]
    [InlineData("\"Home\",\"wrong-pass\"", 2)]
    [InlineData("\"Nowhere\",\"whatever1\"", 3)]
    public void FailedJoinsGiveTheirCodeAndDisconnectOncePerEpisode(string args, int code)
    {
        using var port = Port();
        Assert.Equal($"WIFI DISCONNECT\r\n+CWJAP:{code}\r\n\r\nERROR\r\n", port.Command($"AT+CWJAP={args}", "ERROR\r\n"));
        Assert.Equal($"+CWJAP:{code}\r\n\r\nERROR\r\n", port.Command($"AT+CWJAP={args}", "ERROR\r\n"));
        Assert.Equal("+CWSTATE:4,\"\"\r\n\r\nOK\r\n", port.Command("AT+CWSTATE?"));
    }

    [Fact]
    public void DisconnectClosesLinksAndReportsOnce()
    {
        using var server = new LoopbackServer(LoopbackServer.Echo);
        using var port = Port();
        port.Command("AT+CIPMUX=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Command($"AT+CIPSTART=2,\"TCP\",\"127.0.0.1\",{server.Port}");
        Assert.Equal("\r\nOK\r\n2,CLOSED\r\nWIFI DISCONNECT\r\n", port.Command("AT+CWQAP", "WIFI DISCONNECT\r\n"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CWQAP"));
    }

    [Fact]
    public void ScanListsConfiguredAccessPointsInTheParenthesisedForm()
    {
        var aps = new[] { new AccessPoint("Home", "secret-pass"), AccessPoint.Parse("Cafe,,-71,11,OPEN") };
        using var port = new RawPort(options: new EmulatorOptions { AccessPoints = aps, SpeedFactor = 0, BootTimeMs = 0 });
        port.Command("ATE0");
        // Default BSSIDs are derived from the SSID; an open network has no ciphers.
        Assert.Equal("+CWLAP:(3,\"Home\",-48,\"3a:78:69:53:88:b3\",6,-1,-1,4,4,7,0)\r\n+CWLAP:(0,\"Cafe\",-71,\"0e:5f:2e:74:a9:f6\",11,-1,-1,0,0,7,0)\r\n\r\nOK\r\n",
            port.Command("AT+CWLAP"));
        Assert.Equal("+CWLAP:(0,\"Cafe\",-71,\"0e:5f:2e:74:a9:f6\",11,-1,-1,0,0,7,0)\r\n\r\nOK\r\n", port.Command("AT+CWLAP=\"Cafe\""));
        port.Command("AT+CWMODE=2");
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CWLAP", "\r\nERROR\r\n"));
    }

    [Fact]
    public void AccessPointSpecsParseOrSayWhatIsWrong()
    {
        Assert.Equal(new AccessPoint("Home", "pw", -40, 1, 4), AccessPoint.Parse("Home,pw,-40,1,WPA_WPA2"));
        Assert.Contains("unknown auth mode", Assert.Throws<FormatException>(() => AccessPoint.Parse("a,b,-1,1,XYZ")).Message);
        Assert.Throws<FormatException>(() => AccessPoint.Parse("lonely"));
    }
}
