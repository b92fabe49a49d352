using System.Diagnostics;
using System.Text;
using Esp32At.Emulator.Core;

namespace Esp32At.Tests.Emulator;

/// <summary>
/// The per-command processing-time model is applied as configured: due times computed from the command line's arrival
/// on the wire (not from when a thread got to it), the answer never on the wire before its due time, and the settings
/// the CLI and config files give. Checked on the computed timestamps, not by timing.
/// </summary>
public class CommandLatencyTests
{
    [Theory]
    [InlineData("CIPSEND", 1.0, 2)]
    [InlineData("CIPSEND", 0.5, 1)]
    [InlineData("CIPCLOSE", 2.0, 10)]
    public void TheDueTimeIsTheLinesArrivalPlusTheScaledProcessingTime(string name, double speed, int expectedMs)
    {
        var latency = new CommandLatency();
        long arrived = 123_456_789;
        Assert.Equal(arrived + expectedMs * Stopwatch.Frequency / 1000, latency.DueAt(name, arrived, speed));
    }

    [Fact]
    public void SettingsChangeTheTable()
    {
        var latency = new CommandLatency();
        latency.Apply("CIPSEND=1, AT+CIPRECVDATA=0,AT=4,gmr=7");
        Assert.Equal(1, latency.For("CIPSEND"));
        Assert.Equal(0, latency.For("CIPRECVDATA"));
        Assert.Equal(4, latency.For(""));
        Assert.Equal(7, latency.For("GMR"));
        Assert.Equal(5, latency.For("CIPCLOSE")); // untouched
        Assert.Throws<FormatException>(() => latency.Apply("CIPSEND"));
        Assert.Throws<FormatException>(() => latency.Apply("CIPSEND=-1"));
        Assert.Throws<FormatException>(() => latency.Apply("CIPSEND=fast"));
    }

    [Fact]
    public void EmulatorOptionsAndConfigFilesApplyTheSettings()
    {
        using var port = new RawPort(options: new EmulatorOptions { SpeedFactor = 0, BootTimeMs = 0, CommandLatency = "CIPSEND=1,GMR=9" });
        Assert.Equal(1, port.Emulator.Latency.For("CIPSEND"));
        Assert.Equal(9, port.Emulator.Latency.For("GMR"));
        var options = EmulatorConfigFile.Parse("""{ "commandLatency": "CIPSEND=3" }""").ToEmulatorOptions();
        Assert.Equal("CIPSEND=3", options.CommandLatency);
    }

    [Fact]
    public void TheProcessingTimeCountsFromTheLinesLastByteOnTheWireAndTheAnswerWaitsForIt()
    {
        // Paced at 115200, speed 1: "AT+GMR\r\n" takes 8 byte times on the wire; GMR is given 20 ms.
        using var port = new RawPort(options: new EmulatorOptions { SpeedFactor = 1, BootTimeMs = 0, CommandLatency = "GMR=20" });
        port.Command("ATE0");
        var line = Encoding.Latin1.GetBytes("AT+GMR\r\n");
        long wire = (long)Math.Ceiling(line.Length * 10.0 * Stopwatch.Frequency / 115200);
        long before = Stopwatch.GetTimestamp();
        port.Emulator.Port.HostWrite(line, 0, line.Length);
        long after = Stopwatch.GetTimestamp();
        var buf = new byte[1];
        Assert.Equal(1, port.Emulator.Port.HostRead(buf, 0, 1, 5000));
        long firstByteRead = Stopwatch.GetTimestamp();
        port.ReadUntil("OK\r\n");

        var (name, arrivedAt, dueAt) = port.Emulator.Latency.Last;
        Assert.Equal("GMR", name);
        Assert.InRange(arrivedAt, before + wire, after + wire); // the wire end of the line, whenever the threads ran
        Assert.Equal(port.Emulator.Latency.DueAt("GMR", arrivedAt, 1), dueAt);
        Assert.True(firstByteRead >= dueAt, "the answer was readable before the processing time had passed");
        Assert.Equal(2, port.Emulator.Latency.Lateness.Commands); // ATE0 and AT+GMR
    }
}
