using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>
/// The SSL passive-length quirk (spec §4, §7.6), behind <c>Faults.SslEncryptedLengths</c>: the notice and CIPRECVLEN
/// count encrypted bytes, CIPRECVDATA returns only the plaintext, and a read for the "missing" bytes answers ERROR.
/// </summary>
public class SslPassiveLengthBytesTests
{
    /// <summary>A server that sends <c>hello</c> once the ESP has sent a byte, then waits for the ESP to close.</summary>
    private static TlsLoopbackServer HelloServer() => new(s =>
    {
        s.ReadByte();
        s.Write("hello"u8);
        s.Flush();
        s.ReadByte();
    });

    /// <summary>Sends one byte on link 0 (the server answers it) and waits for SEND OK and the notice <paramref name="length"/>.</summary>
    private static void Poke(RawPort port, int length)
    {
        Assert.Equal("\r\nOK\r\n\r\n>", port.Command("AT+CIPSEND=0,1", ">"));
        port.Send("x");
        port.AwaitOneByteSentAndNotice($"\r\n+IPD,0,{length}\r\n");
    }

    [Fact]
    public void TheNoticeCountsTheRecordOverheadAndReadingTheRestFails()
    {
        using var server = HelloServer();
        using var port = NetPorts.Joined(FirmwareProfile.V3_3_C3, passive: true);
        port.Emulator.Faults.SslEncryptedLengths = true;
        Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}"));
        Poke(port, 34); // 5 bytes + 29 of TLS record
        Assert.Equal("+CIPRECVLEN:34,-1,-1,-1,-1\r\n\r\nOK\r\n", port.Command("AT+CIPRECVLEN?"));
        Assert.Equal("+CIPRECVDATA:5,hello\r\nOK\r\n", port.Command("AT+CIPRECVDATA=0,34"));
        Assert.Equal("+CIPRECVLEN:0,-1,-1,-1,-1\r\n\r\nOK\r\n", port.Command("AT+CIPRECVLEN?"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+CIPRECVDATA=0,29", "\r\nERROR\r\n")); // the "missing" bytes
        Assert.Equal(0, port.Pending);
    }

    [Fact]
    public void APartialReadLeavesOnlyTheDecryptedRest()
    {
        using var server = HelloServer();
        var options = new EmulatorOptions { SpeedFactor = 0, BootTimeMs = 0, HostPortsSameIfFree = false, SslPassiveLengthQuirk = true };
        using var port = new RawPort(options: options);
        port.Command("ATE0");
        port.Command("AT+CIPMUX=1");
        port.Command("AT+CIPRECVTYPE=5,1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}");
        Poke(port, 34);
        Assert.Equal("+CIPRECVDATA:2,he\r\nOK\r\n\r\n+IPD,0,3\r\n", port.Command("AT+CIPRECVDATA=0,2", "+IPD,0,3\r\n"));
        Assert.Equal("+CIPRECVDATA:3,llo\r\nOK\r\n", port.Command("AT+CIPRECVDATA=0,3"));
    }

    [Fact]
    public void OffByDefaultTheLengthsArePlaintext()
    {
        using var server = HelloServer();
        using var port = NetPorts.Joined(FirmwareProfile.V3_3_C3, passive: true);
        port.Command($"AT+CIPSTART=0,\"SSL\",\"127.0.0.1\",{server.Port}");
        Poke(port, 5);
        Assert.Equal("+CIPRECVDATA:5,hello\r\nOK\r\n", port.Command("AT+CIPRECVDATA=0,5"));
    }

    [Fact]
    public void TcpLinksAreNeverAffected()
    {
        using var server = new LoopbackServer(s => { s.ReadByte(); s.Write("hello"u8); s.Flush(); s.ReadByte(); });
        using var port = NetPorts.Joined(FirmwareProfile.V3_3_C3, passive: true);
        port.Emulator.Faults.SslEncryptedLengths = true;
        port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{server.Port}");
        Poke(port, 5);
    }
}
