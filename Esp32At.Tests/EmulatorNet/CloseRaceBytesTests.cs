using Esp32At.Tests.Emulator;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>
/// A peer's close racing the host's CIPCLOSE: the firmware's <c>0,CLOSED</c> is written once, before the CIPCLOSE's
/// final result, and never after the id was given to the next CIPSTART (a late CLOSED there would close the new link in
/// the host's eyes). The fault switch holds the report back so the race happens every time.
/// </summary>
public class CloseRaceBytesTests
{
    [Fact]
    public void CipCloseRacingAPeerCloseAnswersAfterTheOneClosedAndTheNextLinkSeesNoStaleClosed()
    {
        using var server = new LoopbackServer(_ => { }); // closes at once
        using var port = new RawPort();
        port.Command("ATE0");
        port.Command("AT+CIPMUX=1");
        port.Command("AT+CWJAP=\"Home\",\"secret-pass\"");
        port.Emulator.Faults.CloseReportDelayMs = 300;

        for (int round = 0; round < 3; round++)
        {
            var connect = port.Command($"AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",{server.Port}");
            Assert.Equal("0,CONNECT\r\n\r\nOK\r\n", connect); // no CLOSED left over from the last round
            Thread.Sleep(100); // the peer's close is seen; its report is held back
            port.Send("AT+CIPCLOSE=0\r\n");
            var answer = port.ReadUntil("0,CLOSED\r\n");
            Assert.Equal("0,CLOSED\r\n", answer); // nothing (no ERROR) before the one CLOSED
            var final = port.ReadUntil("\r\n") + port.ReadUntil("\r\n");
            Assert.True(final is "\r\nOK\r\n" or "\r\nERROR\r\n", final);
            Assert.Equal("\r\nOK\r\n", port.Command("AT")); // no second CLOSED
        }
    }
}
