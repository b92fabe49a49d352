using System.Text;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;

namespace Esp32At.Tests.Emulator;

/// <summary>Types raw bytes at an emulator and collects exactly what it answers.</summary>
public sealed class RawPort : IDisposable
{
    public RawPort(FirmwareProfile? profile = null)
    {
        Emulator = new EspEmulator(new EmulatorOptions { Profile = profile ?? FirmwareProfile.V4_1_1_C3, SpeedFactor = 0, BootTimeMs = 0 });
        Assert.Equal("\r\nready\r\n", ReadUntil("ready\r\n"));
    }

    public EspEmulator Emulator { get; }

    public void Send(string text)
    {
        var b = Encoding.Latin1.GetBytes(text);
        Emulator.Port.HostWrite(b, 0, b.Length);
    }

    /// <summary>Everything the emulator writes until <paramref name="end"/> has appeared (fails after 5 s).</summary>
    public string ReadUntil(string end)
    {
        var sb = new StringBuilder();
        var buf = new byte[4096];
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!sb.ToString().EndsWith(end, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {end.ReplaceLineEndings("\\n")}; got: {sb}");
            int n = Emulator.Port.HostRead(buf, 0, buf.Length, 100);
            sb.Append(Encoding.Latin1.GetString(buf, 0, n));
        }
        return sb.ToString();
    }

    /// <summary>Sends a command line and returns the answer up to its final result.</summary>
    public string Command(string line, string final = "\r\nOK\r\n")
    {
        Send(line + "\r\n");
        return ReadUntil(final);
    }

    public void Dispose() => Emulator.Dispose();
}
