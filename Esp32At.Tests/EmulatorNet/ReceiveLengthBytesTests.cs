using Esp32At.Emulator.Profiles;
using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary><c>AT+CIPRECVLEN?</c> per firmware version and CIPMUX mode (spec §2.3, §5).</summary>
public class ReceiveLengthBytesTests
{
    [Theory]
    [InlineData("v2.2.0-c3", true, "+CIPRECVLEN:-1,3,-1,-1,-1")]
    [InlineData("v3.3.0-c3", true, "+CIPRECVLEN:-1,3,-1,-1,-1")]
    [InlineData("v4.0.0-c6", true, "+CIPRECVLEN:-1,3,-1,-1,-1")]
    [InlineData("v4.1.1-c3", true, "+CIPRECVLEN:,3,,,")] // v4.1: a link not open leaves its field empty [UNVERIFIED]
    [InlineData("v4.1.1-c6", true, "+CIPRECVLEN:,3,,,")]
    [InlineData("v2.2.0-c3", false, "+CIPRECVLEN:3,-1,-1,-1,-1")] // up to v3.2 single mode still lists five
    [InlineData("v3.3.0-c3", false, "+CIPRECVLEN:3")] // from v3.3 single mode lists link 0 only
    [InlineData("v4.1.1-c3", false, "+CIPRECVLEN:3")]
    public void LengthsPerVersionAndMode(string profile, bool mux, string expected)
    {
        using var server = new LoopbackServer(s => { s.ReadByte(); s.Write("abc"u8); s.Flush(); s.ReadByte(); });
        using var port = NetPorts.Joined(FirmwareProfile.Named(profile), mux: mux, passive: true);
        string id = mux ? "1," : "";
        port.Command($"AT+CIPSTART={id}\"TCP\",\"127.0.0.1\",{server.Port}");
        port.Command($"AT+CIPSEND={id}1", ">");
        port.Send("x");
        port.AwaitOneByteSentAndNotice($"\r\n+IPD,{id}3\r\n");
        Assert.Equal(expected + "\r\n\r\nOK\r\n", port.Command("AT+CIPRECVLEN?"));
    }
}
