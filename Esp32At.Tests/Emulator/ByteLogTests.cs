using System.Text.RegularExpressions;
using Esp32At.Emulator.Transports;

namespace Esp32At.Tests.Emulator;

/// <summary>The timestamped byte log of both UART directions.</summary>
public class ByteLogTests
{
    [Fact]
    public void LogsEachWriteOfBothDirectionsAsOneEscapedLine()
    {
        var text = new StringWriter();
        using var port = new RawPort();
        using (var log = new ByteLog(text))
        {
            port.Emulator.Port.Log = log;
            port.Command("AT");
            port.Emulator.Faults.InjectGarbage([0x00, 0xFF, (byte)'\\', (byte)'\t']);
            port.ReadUntil("\t");
            port.Emulator.Port.Log = null;
        }
        var lines = text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^\d+\.\d{3} [HE][><] ", l));
        Assert.Equal(@"H> AT\r\n", Body(lines[0]));
        Assert.Equal(@"E< AT\r\n", Body(lines[1]));   // the echo
        Assert.Equal(@"E< \r\nOK\r\n", Body(lines[2]));
        Assert.Equal(@"E< \x00\xFF\\\t", Body(lines[3]));
        var times = lines.Select(l => double.Parse(l[..l.IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public void NotesFaultsAndBaudMismatch()
    {
        var text = new StringWriter();
        using var port = new RawPort();
        port.Emulator.Port.Log = new ByteLog(text);
        port.Emulator.Faults.DropBytes(2);
        port.Command("AT");
        port.Emulator.Port.HostBaud = 9600;
        port.Send("AT\r\n");
        port.Emulator.Port.Log = null;
        var lines = text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(@"E< AT\r\n [2 bytes dropped]", Body(lines[1]));
        Assert.Equal(@"H> AT\r\n [garbled: baud mismatch]", Body(lines[3]));
    }

    [Fact]
    public void WritesToAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"esp-at-log-{Guid.NewGuid():N}.txt");
        try
        {
            using (var port = new RawPort())
            using (var log = ByteLog.ToFile(path))
            {
                port.Emulator.Port.Log = log;
                port.Command("AT+GMR");
                port.Emulator.Port.Log = null;
            }
            var content = File.ReadAllText(path);
            Assert.Matches(new Regex(@"^\d+\.\d{3} H> AT\+GMR\\r\\n$", RegexOptions.Multiline), content);
            Assert.Contains(@"E< \r\nOK\r\n", content);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EscapeKeepsPrintableAscii()
    {
        var bytes = "+IPD,0,3:a"u8.ToArray().Concat(new byte[] { 0x7F, 0x80 }).ToArray();
        Assert.Equal(@"+IPD,0,3:a\x7F\x80", ByteLog.Escape(bytes, 0, bytes.Length));
    }

    private static string Body(string line) => line[(line.IndexOf(' ') + 1)..];
}
