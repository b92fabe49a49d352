using Esp32At.Emulator.Core;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>
/// Certificate dates against the ESP's own clock (spec §6 "Clock"): after a cold power-on it is 1970, so verified
/// handshakes (auth modes 2/3) fail until SNTP (<c>+TIME_UPDATED</c>) or AT+SYSTIMESTAMP sets it; mode 0 never checks.
/// </summary>
public class SslClockBytesTests
{
    private static readonly TestCertificates Pki = TestCertificates.Shared;

    /// <summary>A cold emulator (clock at 1970), joined, with the test CA provisioned and link 0 verifying the server.</summary>
    private static RawPort ColdAndVerifying()
    {
        var port = new RawPort(options: new EmulatorOptions { SpeedFactor = 0, BootTimeMs = 0, HostPortsSameIfFree = false, ClockSetAtStart = false });
        port.Command("ATE0");
        port.Command("AT+CIPMUX=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Provision("client_ca", "client_ca.0", Pki.CaPem);
        port.Command("AT+CIPSSLCCONF=0,2,0,0");
        port.Command($"AT+CIPSSLCSNI=0,\"{TestCertificates.ServerName}\"");
        return port;
    }

    private static string Timestamp(RawPort port)
    {
        var answer = port.Command("AT+SYSTIMESTAMP?");
        var m = System.Text.RegularExpressions.Regex.Match(answer, "^\\+SYSTIMESTAMP:(\\d+)\r\nOK\r\n$"); // no CR LF before OK
        Assert.True(m.Success, answer);
        return m.Groups[1].Value;
    }

    [Fact]
    public void At1970AVerifiedHandshakeFailsAndSysTimestampFixesIt()
    {
        using var early = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        using var later = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        using var port = ColdAndVerifying();
        Assert.True(long.Parse(Timestamp(port)) < 60, "the clock starts at the epoch");
        Assert.Equal("\r\nERROR\r\n", port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{early.Port}", "\r\nERROR\r\n"));

        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal("\r\nOK\r\n", port.Command($"AT+SYSTIMESTAMP={now}"));
        Assert.True(long.Parse(Timestamp(port)) - now is >= 0 and <= 5);
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{later.Port}"));
        Assert.True(later.Handshaken.Wait(5000));
    }

    [Fact]
    public void SntpSetsTheClockForVerification()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        using var port = ColdAndVerifying();
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPSNTPCFG=1,0"));
        Assert.Equal("+TIME_UPDATED\r\n", port.ReadUntil("+TIME_UPDATED\r\n"));
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}"));
    }

    [Fact]
    public void WithoutVerificationTheClockDoesNotMatter()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        using var port = ColdAndVerifying();
        port.Command("AT+CIPSSLCCONF=0,0,0,0");
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}"));
    }

    [Fact]
    public void AClockPastTheCertificatesExpiryFails()
    {
        using var server = new TlsLoopbackServer(TlsLoopbackServer.Echo);
        using var port = ColdAndVerifying();
        port.Command("AT+SYSTIMESTAMP=4102444800"); // 2100-01-01: the test certificates expired long ago
        Assert.Equal("\r\nERROR\r\n", port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}", "\r\nERROR\r\n"));
    }

    [Fact]
    public void SysTimestampDrivesCipSntpTime()
    {
        using var port = ColdAndVerifying();
        Assert.Equal("\r\nOK\r\n", port.Command("AT+SYSTIMESTAMP=1700000000"));
        Assert.Matches("^\\+CIPSNTPTIME:Tue Nov 14 22:13:2[0-4] 2023\r\nOK\r\n$", port.Command("AT+CIPSNTPTIME?"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+SYSTIMESTAMP=-1", "\r\nERROR\r\n"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+SYSTIMESTAMP", "\r\nERROR\r\n"));
    }

    [Fact]
    public void AWarmStartKeepsTheNetworkTime()
    {
        using var port = new RawPort(); // ClockSetAtStart defaults to true: as after an earlier sync
        port.Command("ATE0");
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.True(Math.Abs(long.Parse(Timestamp(port)) - now) <= 5);
    }
}
