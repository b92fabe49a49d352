using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Esp32At.Tests.Emulator;

/// <summary>The emulator's command line, run as a real process.</summary>
public class EmulatorCliTests
{
    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Esp32At.Emulator.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    /// <summary>The first stdout line starting with <paramref name="prefix"/> (fails after 20 s: a cold dotnet start is slow).</summary>
    private static string LineStarting(Process p, string prefix)
    {
        var read = Task.Run(() =>
        {
            string? line;
            while ((line = p.StandardOutput.ReadLine()) is not null)
                if (line.StartsWith(prefix, StringComparison.Ordinal)) return line[prefix.Length..];
            return null;
        });
        Assert.True(read.Wait(20_000), $"no '{prefix}' line");
        return read.Result ?? throw new Xunit.Sdk.XunitException($"exited without '{prefix}': {p.StandardError.ReadToEnd()}");
    }

    /// <summary>Reads <paramref name="stream"/> until the text ends with <paramref name="end"/> (fails after 10 s).</summary>
    private static string ReadUntil(Stream stream, string end)
    {
        var got = new StringBuilder();
        var read = Task.Run(() =>
        {
            var buf = new byte[1]; // byte by byte: what follows stays in the stream for the next call
            while (!got.ToString().EndsWith(end, StringComparison.Ordinal))
            {
                int n = stream.Read(buf);
                if (n == 0) return;
                lock (got) got.Append((char)buf[0]);
            }
        });
        Assert.True(read.Wait(10_000) && got.ToString().EndsWith(end, StringComparison.Ordinal), $"waiting for {end}; got: {got}");
        return got.ToString();
    }

    private static void Stop(Process p)
    {
        if (!p.HasExited) p.Kill();
        p.WaitForExit(5000);
        p.Dispose();
    }

    [Fact]
    public void HelpDocumentsEveryOption()
    {
        using var p = Start("--help");
        var help = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(20_000));
        foreach (var option in new[] { "--listen", "--profile", "--ap", "--speed", "--dns", "--baud", "--config", "--log", "--pty" })
            Assert.Contains(option, help);
    }

    [Fact]
    public void ConfigFileAndCommandLineSetUpATcpPortWithALog()
    {
        var dir = Directory.CreateTempSubdirectory("esp-at-cli-");
        var config = Path.Combine(dir.FullName, "emulator.json");
        var log = Path.Combine(dir.FullName, "uart.log");
        File.WriteAllText(config, """{ "listen": "127.0.0.1:0", "speed": 0, "baud": 9600, "dns": { "example.test": "127.0.0.1" } }""");
        var p = Start("--config", config, "--log", log, "--baud", "921600");
        try
        {
            var endpoint = System.Net.IPEndPoint.Parse(LineStarting(p, "tcp: "));
            using var client = new TcpClient();
            client.Connect(endpoint);
            var stream = client.GetStream();
            stream.ReadTimeout = 5000;
            Assert.EndsWith("\r\nready\r\n", ReadUntil(stream, "ready\r\n")); // typed before the boot ends, a command would be lost
            stream.Write("AT+UART_CUR?\r\n"u8);
            var got = ReadUntil(stream, "OK\r\n");
            // --baud on the command line beat the file's 9600
            Assert.Equal("AT+UART_CUR?\r\n+UART_CUR:921600,8,1,0,1\r\n\r\nOK\r\n", got);
            Assert.Contains(@"H> AT+UART_CUR?\r\n", File.ReadAllText(log));
        }
        finally
        {
            Stop(p);
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void PtyOptionPrintsTheTerminalPath()
    {
        if (!OperatingSystem.IsLinux()) return;
        var p = Start("--pty", "--speed", "0");
        try
        {
            var path = LineStarting(p, "pty: ");
            Assert.StartsWith("/dev/pts/", path);
            using var tty = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
            Assert.Equal("\r\nready\r\n", ReadUntil(tty, "ready\r\n"));
            tty.Write("AT\r\n"u8);
            Assert.Equal("AT\r\n\r\nOK\r\n", ReadUntil(tty, "OK\r\n"));
        }
        finally
        {
            Stop(p);
        }
    }
}
