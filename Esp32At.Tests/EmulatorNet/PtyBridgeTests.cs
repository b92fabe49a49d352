using System.Diagnostics;
using System.Text;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Transports;

namespace Esp32At.Tests.EmulatorNet;

/// <summary>The emulator's UART on a Linux pseudo-terminal, used through the slave path like a serial port.</summary>
public class PtyBridgeTests
{
    private static EspEmulator BootedEmulator()
    {
        var emulator = new EspEmulator(new EmulatorOptions { SpeedFactor = 0, BootTimeMs = 0 });
        var buf = new byte[64];
        var boot = "";
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!boot.EndsWith("ready\r\n") && DateTime.UtcNow < deadline) boot += Encoding.Latin1.GetString(buf, 0, emulator.Port.HostRead(buf, 0, buf.Length, 100));
        Assert.Equal("\r\nready\r\n", boot);
        return emulator;
    }

    [Fact]
    public void TypingAtIntoTheSlavePathGetsOk()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var emulator = BootedEmulator();
        using var bridge = new PtyBridge(emulator.Port);
        Assert.StartsWith("/dev/pts/", bridge.SlavePath);
        using var client = new PtyClient(bridge.SlavePath);
        client.Write("AT\r\n");
        Assert.Equal("AT\r\n\r\nOK\r\n", client.ReadUntil("OK\r\n"));
        client.Write("AT+GMR\r\n");
        Assert.EndsWith("\r\nOK\r\n", client.ReadUntil("OK\r\n"));
    }

    [Fact]
    public void TheTerminalSpeedIsTheHostBaudRate()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var emulator = BootedEmulator();
        using var bridge = new PtyBridge(emulator.Port);
        using var client = new PtyClient(bridge.SlavePath);
        Stty(bridge.SlavePath, "9600");
        client.Write("AT\r\n");
        // Garbled both ways: the ESP echoes the junk it saw, the client sees that garbled again; no command ran.
        Assert.Equal("\u00c1\u00d4\u008d\u008a", client.ReadAtLeast(4));
        Assert.Equal(9600, emulator.Port.HostBaud);
        Stty(bridge.SlavePath, "115200");
        Assert.Equal("\r\nERROR\r\n", ReadAnswerAfterResync(client));
    }

    /// <summary>After garbage reached the ESP, a CR LF ends the junk line (ERROR), then AT is understood again.</summary>
    private static string ReadAnswerAfterResync(PtyClient client)
    {
        client.Write("\r\n");
        var answer = client.ReadUntil("\r\n\r\nERROR\r\n");
        client.Write("AT\r\n");
        Assert.Equal("AT\r\n\r\nOK\r\n", client.ReadUntil("OK\r\n"));
        return answer[^"\r\nERROR\r\n".Length..];
    }

    private static void Stty(string path, string speed)
    {
        using var stty = Process.Start(new ProcessStartInfo("stty", ["-F", path, speed]) { RedirectStandardError = true })!;
        Assert.True(stty.WaitForExit(5000));
        Assert.Equal(0, stty.ExitCode);
    }

    /// <summary>A serial-port client of the slave path: a FileStream and a reader thread.</summary>
    private sealed class PtyClient : IDisposable
    {
        private readonly FileStream stream;
        private readonly StringBuilder received = new();

        public PtyClient(string path)
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
            new Thread(() =>
            {
                var buf = new byte[1024];
                try
                {
                    int n;
                    while ((n = stream.Read(buf, 0, buf.Length)) > 0)
                        lock (received) { received.Append(Encoding.Latin1.GetString(buf, 0, n)); Monitor.PulseAll(received); }
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException) { }
            }) { IsBackground = true }.Start();
        }

        public void Write(string text)
        {
            var bytes = Encoding.Latin1.GetBytes(text);
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush();
        }

        /// <summary>Everything up to and including <paramref name="end"/> (fails after 5 s); the rest stays.</summary>
        public string ReadUntil(string end) => Take(s => s.IndexOf(end, StringComparison.Ordinal) is var at and >= 0 ? at + end.Length : -1, end);

        public string ReadAtLeast(int count) => Take(s => s.Length >= count ? s.Length : -1, $"{count} bytes");

        private string Take(Func<string, int> complete, string what)
        {
            lock (received)
            {
                var deadline = DateTime.UtcNow.AddSeconds(5);
                int length;
                while ((length = complete(received.ToString())) < 0)
                {
                    var left = deadline - DateTime.UtcNow;
                    Assert.True(left > TimeSpan.Zero, $"timed out waiting for {what}; got: {received}");
                    Monitor.Wait(received, left);
                }
                var result = received.ToString(0, length);
                received.Remove(0, length);
                return result;
            }
        }

        public void Dispose() => stream.Dispose();
    }
}
