using System.Diagnostics;
using System.Text;
using Esp32At.Emulator.Core;

namespace Esp32At.Tests.Emulator;

/// <summary>The emulated UART: wire time at the baud rate, the ESP's 2048-byte RX buffer, RTS flow control, command latency.</summary>
public class UartModelTests
{
    private static EmulatorOptions Instant => new() { SpeedFactor = 0, BootTimeMs = 0 };

    [Fact]
    public void PacedBytesTakeTheirWireTimeAtTheBaudRate()
    {
        // 2400 baud: 10 bits a byte = 4.17 ms. "AT\r\n" in (4 bytes), echo + "\r\nOK\r\n" out (10 bytes) = 58 ms at least.
        using var port = new RawPort(options: new EmulatorOptions { SpeedFactor = 1, BootTimeMs = 0, BaudRate = 2400 });
        var clock = Stopwatch.StartNew();
        Assert.Equal("AT\r\n\r\nOK\r\n", port.Command("AT"));
        Assert.True(clock.ElapsedMilliseconds >= 55, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void PacedOutputArrivesByteByByteNotAllAtOnce()
    {
        using var port = new RawPort(options: new EmulatorOptions { SpeedFactor = 1, BootTimeMs = 0, BaudRate = 1200 });
        port.Command("ATE0");
        port.Send("AT+GMR\r\n");
        // 8.3 ms a byte: the first read returns the few bytes that have arrived, far fewer than the whole answer.
        var buf = new byte[4096];
        int n = port.Emulator.Port.HostRead(buf, 0, buf.Length, 2000);
        var rest = port.ReadUntil("OK\r\n");
        Assert.InRange(n, 1, (n + rest.Length) / 2);
    }

    [Fact]
    public void SpeedFactorZeroDoesNotPace()
    {
        using var port = new RawPort(options: new EmulatorOptions { SpeedFactor = 0, BootTimeMs = 0, BaudRate = 300 });
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 20; i++) port.Command("AT");
        Assert.True(clock.ElapsedMilliseconds < 2000, $"took {clock.ElapsedMilliseconds} ms"); // paced, it would take 20 × 467 ms
    }

    [Fact]
    public void BaudRateOptionSetsBothSidesAndSurvivesReboot()
    {
        using var port = new RawPort(options: Instant with { BaudRate = 921600 });
        Assert.Equal(921600, port.Emulator.Port.EmulatorBaud);
        Assert.Equal(921600, port.Emulator.Port.HostBaud);
        Assert.Equal("AT+UART_CUR?\r\n+UART_CUR:921600,8,1,0,1\r\n\r\nOK\r\n", port.Command("AT+UART_CUR?"));
        port.Emulator.Faults.Reboot();
        Assert.Equal("\r\nready\r\n", port.ReadUntil("ready\r\n"));
        Assert.Equal(921600, port.Emulator.Port.EmulatorBaud);
    }

    [Fact]
    public void HostBytesBeyondTheRxBufferAreLostWhenTheHostIgnoresRts()
    {
        using var port = new RawPort(options: Instant);
        port.Emulator.Faults.PauseUartReceive();
        port.Send(new string('x', 3000));
        Assert.True(port.Emulator.Port.ClearToSend is false, "RTS is deasserted once the RX buffer is full");
        port.Emulator.Faults.ResumeUartReceive();
        // 2048 x = 8 over-long lines, each silently dropped at 256 bytes, so AT starts a fresh line.
        var echoed = port.Command("AT");
        Assert.Equal(new string('x', 2048) + "AT\r\n\r\nOK\r\n", echoed);
        Assert.Equal(952, port.Emulator.Port.OverrunBytes);
    }

    [Fact]
    public void HostBytesBeyondTheRxBufferAreLostWithFlowControlOff()
    {
        using var port = new RawPort(options: Instant);
        port.Emulator.Port.HostFlowControl = true;
        Assert.Equal("AT+UART_CUR=115200,8,1,0,0\r\n\r\nOK\r\n", port.Command("AT+UART_CUR=115200,8,1,0,0"));
        Assert.Equal(0, port.Emulator.Port.EmulatorFlow);
        port.Emulator.Faults.PauseUartReceive();
        port.Send(new string('x', 2100));
        Assert.True(port.Emulator.Port.ClearToSend, "flow 0: the ESP never drives RTS");
        port.Emulator.Faults.ResumeUartReceive();
        Assert.Equal(new string('x', 2048) + "AT\r\n\r\nOK\r\n", port.Command("AT"));
        Assert.Equal(52, port.Emulator.Port.OverrunBytes);
    }

    [Fact]
    public async Task RtsHoldsAHostThatHonoursFlowControlUntilTheFirmwareReadsAgain()
    {
        using var port = new RawPort(options: Instant);
        port.Emulator.Port.HostFlowControl = true;
        port.Emulator.Faults.PauseUartReceive();
        var write = Task.Run(() => port.Send(new string('x', 3000)));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (port.Emulator.Port.ClearToSend && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.False(port.Emulator.Port.ClearToSend);
        Assert.False(write.IsCompleted, "the host's write waits while CTS is low");
        port.Emulator.Faults.ResumeUartReceive();
        Assert.True(await write.Within(5000));
        // 3000 = 11 lines of 256 dropped + 184 x; CR LF ends that line, which is not a command: ERROR.
        port.Send("\r\n");
        var echoed = port.ReadUntil("ERROR\r\n");
        Assert.Equal(3000, echoed.Count(c => c == 'x'));
        Assert.Equal(0, port.Emulator.Port.OverrunBytes);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(1, false)] // the ESP does not watch CTS by default (spec §1.1)
    public async Task CtsHoldsTheEspOnlyWhenItsFlowSettingWatchesCts(int flow, bool held)
    {
        using var port = new RawPort(options: Instant);
        port.Emulator.Port.HostFlowControl = true;
        port.Command($"AT+UART_CUR=115200,8,1,0,{flow}");
        port.Emulator.Port.HostReadyToReceive = false;
        port.Emulator.Faults.InjectGarbage(new byte[8192]); // fills the ESP's TX buffer; the host does not read
        var next = Task.Run(() => port.Emulator.Faults.InjectGarbage([1]));
        Assert.Equal(!held, await next.Within(held ? 300 : 5000)); // a wait that must not end needs a time window
        port.Emulator.Port.HostReadyToReceive = true;
        Assert.True(await next.Within(5000));
        Assert.Equal(8193, port.Emulator.Port.BytesAvailable);
    }

    [Fact]
    public void UartCurFlowSettingReachesThePortAfterItsOk()
    {
        using var port = new RawPort(options: Instant);
        Assert.Equal(1, port.Emulator.Port.EmulatorFlow); // power-on default: RTS only (spec §1.1)
        port.Command("AT+UART_CUR=115200,8,1,0,3");
        Assert.Equal(3, port.Emulator.Port.EmulatorFlow);
    }

    [Fact]
    public void CommandLatencyIsScaledByTheClock()
    {
        using (var paced = new RawPort(options: new EmulatorOptions { SpeedFactor = 0.5, BootTimeMs = 0, UartPacing = false }))
        {
            paced.Emulator.Latency.Set("GMR", 400);
            var clock = Stopwatch.StartNew();
            paced.Command("AT+GMR");
            Assert.True(clock.ElapsedMilliseconds >= 195, $"took {clock.ElapsedMilliseconds} ms");
        }
        using var instant = new RawPort(options: Instant);
        instant.Emulator.Latency.Set("GMR", 60_000);
        Assert.EndsWith("OK\r\n", instant.Command("AT+GMR")); // RawPort gives up after 5 s
    }

    [Fact]
    public void LatencyTableHasTypicalValues()
    {
        var latency = new CommandLatency();
        Assert.Equal(CommandLatency.DefaultMs, latency.For("NOSUCH"));
        Assert.InRange(latency.For("CIPSEND"), 1, 9); // spec §8: simple commands < 10 ms
        Assert.InRange(latency.For("GMR"), 1, 9);
    }
}
