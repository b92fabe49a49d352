using Esp32At.Emulator.Profiles;

namespace Esp32At.Tests.Emulator;

/// <summary>Exact bytes of the basic commands, as spec §1.4-§2.1 gives them.</summary>
public class BasicCommandBytesTests
{
    public static TheoryData<string> Profiles() => new(FirmwareProfile.All.Select(p => p.Name));

    [Fact]
    public void EchoIsOnAfterBootAndAteZeroIsItselfEchoed()
    {
        using var port = new RawPort();
        Assert.Equal("AT\r\n\r\nOK\r\n", port.Command("AT"));
        Assert.Equal("ATE0\r\n\r\nOK\r\n", port.Command("ATE0"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT"));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void GmrPrintsTheProfilesVersionLines(string profile)
    {
        var p = FirmwareProfile.Named(profile);
        using var port = new RawPort(p);
        port.Command("ATE0");
        var answer = port.Command("AT+GMR");
        Assert.Equal(p.GmrText + "\r\nOK\r\n", answer);
        Assert.Matches(@"^AT version:\d+\.\d+\.\d+\.\d+\(\w+ - ESP32C[36] - \w{3} [ \d]\d \d{4} \d\d:\d\d:\d\d\)\r\nSDK version:", answer);
    }

    [Fact]
    public void UnknownOrMalformedCommandsAnswerErrorWithTheSyslogCodeWhenEnabled()
    {
        using var port = new RawPort();
        port.Command("ATE0");
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+NOPE", "\r\nERROR\r\n"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT+SYSLOG=1"));
        Assert.Equal("ERR CODE:0x01090000\r\n\r\nERROR\r\n", port.Command("AT+NOPE", "\r\nERROR\r\n"));
        Assert.Equal("ERR CODE:0x01030000\r\n\r\nERROR\r\n", port.Command("at", "\r\nERROR\r\n"));
        Assert.Equal("+SYSLOG:1\r\n\r\nOK\r\n", port.Command("AT+SYSLOG?"));
    }

    [Fact]
    public void QueriesWithoutTrailingLineEndHaveNoBlankLineBeforeOk()
    {
        using var port = new RawPort();
        port.Command("ATE0");
        Assert.Equal("+CIPDINFO:false\r\nOK\r\n", port.Command("AT+CIPDINFO?"));
        Assert.Equal("+SYSMSG:0\r\nOK\r\n", port.Command("AT+SYSMSG?"));
        Assert.Equal("+CIPMUX:0\r\n\r\nOK\r\n", port.Command("AT+CIPMUX?"));
    }

    [Fact]
    public void InputWhileACommandRunsIsAnsweredBusyAndDropped()
    {
        using var port = new RawPort();
        port.Command("ATE0");
        port.Emulator.Commands.Register("SLOW", _ => Thread.Sleep(300));
        port.Send("AT+SLOW\r\n");
        Thread.Sleep(50);
        port.Send("AT\r\n");
        Assert.Equal("\r\nbusy p...\r\n\r\nOK\r\n", port.ReadUntil("\r\nOK\r\n"));
        Assert.Equal("\r\nOK\r\n", port.Command("AT"));
    }

    [Fact]
    public void RestartAnswersOkThenReadyAndEchoIsBackOn()
    {
        using var port = new RawPort();
        port.Command("ATE0");
        Assert.Equal("\r\nOK\r\n\r\nready\r\n", port.Command("AT+RST", "ready\r\n"));
        Assert.Equal("AT\r\n\r\nOK\r\n", port.Command("AT"));
    }

    [Fact]
    public void UartCurAnswersOkAtTheOldRateThenSwitches()
    {
        using var port = new RawPort();
        port.Command("ATE0");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+UART_CUR=921600,8,1,0,3"));
        Thread.Sleep(50);
        Assert.Equal(921600, port.Emulator.Port.EmulatorBaud);
        port.Emulator.Port.HostBaud = 921600;
        Assert.Equal("+UART_CUR:921600,8,1,0,3\r\n\r\nOK\r\n", port.Command("AT+UART_CUR?"));
        Assert.Equal("\r\nERROR\r\n", port.Command("AT+UART_CUR=921600,8,1,0", "\r\nERROR\r\n"));
    }

    [Fact]
    public void CipRecvTypeExistsFromV33AndSetsModesPerLink()
    {
        using (var old = new RawPort(FirmwareProfile.V2_2_C3))
        {
            old.Command("ATE0");
            Assert.Equal("\r\nERROR\r\n", old.Command("AT+CIPRECVTYPE=1", "\r\nERROR\r\n"));
            Assert.Equal("\r\nOK\r\n", old.Command("AT+CIPRECVMODE=1"));
        }
        using var port = new RawPort(FirmwareProfile.V3_3_C3);
        port.Command("ATE0");
        port.Command("AT+CIPMUX=1");
        Assert.Equal("\r\nOK\r\n", port.Command("AT+CIPRECVTYPE=2,1"));
        Assert.Equal("+CIPRECVTYPE:0,0\r\n+CIPRECVTYPE:1,0\r\n+CIPRECVTYPE:2,1\r\n+CIPRECVTYPE:3,0\r\n+CIPRECVTYPE:4,0\r\n\r\nOK\r\n", port.Command("AT+CIPRECVTYPE?"));
    }

    [Fact]
    public void ACommandCutShortByARebootNeverAnswersAfterIt()
    {
        using var port = new RawPort();
        port.Command("ATE0");
        port.Emulator.Commands.Register("HANG", _ => Thread.Sleep(400));
        port.Send("AT+HANG\r\n");
        Thread.Sleep(50);
        port.Emulator.Reboot();
        Assert.Equal("\r\nready\r\n", port.ReadUntil("ready\r\n"));
        Thread.Sleep(600);
        Assert.Equal(0, port.Pending);
    }
}
