using System.Text;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;

namespace Esp32At.Tests.Emulator;

/// <summary>Types raw bytes at an emulator and collects exactly what it answers.</summary>
public sealed class RawPort : IDisposable
{
    public RawPort(FirmwareProfile? profile = null, EmulatorOptions? options = null)
    {
        Emulator = new EspEmulator(options ?? new EmulatorOptions { Profile = profile ?? FirmwareProfile.V4_1_1_C3, SpeedFactor = 0, BootTimeMs = 0 });
        Assert.Equal("\r\nready\r\n", ReadUntil("ready\r\n"));
    }

    public EspEmulator Emulator { get; }

    public void Send(string text)
    {
        var b = Encoding.Latin1.GetBytes(text);
        Emulator.Port.HostWrite(b, 0, b.Length);
    }

    private string unread = "";

    /// <summary>What the emulator writes up to and including the first <paramref name="end"/> (fails after 5 s); later bytes stay for the next call.</summary>
    public string ReadUntil(string end)
    {
        var sb = new StringBuilder(unread);
        var buf = new byte[4096];
        var deadline = DateTime.UtcNow.AddSeconds(5);
        int at;
        while ((at = sb.ToString().IndexOf(end, StringComparison.Ordinal)) < 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {end.ReplaceLineEndings("\\n")}; got: {sb}");
            int n = Emulator.Port.HostRead(buf, 0, buf.Length, 100);
            sb.Append(Encoding.Latin1.GetString(buf, 0, n));
        }
        var all = sb.ToString();
        unread = all[(at + end.Length)..];
        return all[..(at + end.Length)];
    }

    /// <summary>Exactly the next <paramref name="count"/> bytes the emulator writes (fails after 5 s), as Latin-1 text.</summary>
    public string ReadCount(int count)
    {
        var sb = new StringBuilder(unread);
        var buf = new byte[4096];
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (sb.Length < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {count} bytes; got {sb.Length}");
            int n = Emulator.Port.HostRead(buf, 0, buf.Length, 100);
            sb.Append(Encoding.Latin1.GetString(buf, 0, n));
        }
        var all = sb.ToString();
        unread = all[count..];
        return all[..count];
    }

    /// <summary>Bytes received and not yet returned by <see cref="ReadUntil"/>.</summary>
    public int Pending => unread.Length + Emulator.Port.BytesAvailable;

    /// <summary>Sends a command line and returns the answer up to its final result.</summary>
    public string Command(string line, string final = "\r\nOK\r\n")
    {
        Send(line + "\r\n");
        return ReadUntil(final);
    }

    public void Dispose() => Emulator.Dispose();
}
