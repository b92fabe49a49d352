using System.Net;
using Esp32At.CircuitPython;
using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Engine;
using Esp32At.Hosting;

namespace Esp32At.Tests.CircuitPython;

/// <summary>
/// A socket pool over an instant-timing emulator that has joined Wi-Fi; its DNS knows <c>echo.test</c> as 127.0.0.1.
/// Built on the device directly (not the static <c>Wifi</c> module) so test classes can run in parallel.
/// </summary>
public sealed class SocketPoolFixture : IDisposable
{
    public SocketPoolFixture(string profile = "v4.1.1-c3")
    {
        Emulator = new EspEmulator(new EmulatorOptions { Profile = FirmwareProfile.Named(profile), SpeedFactor = 0, BootTimeMs = 0, HostPortsSameIfFree = false });
        Emulator.Links.Dns.Add("echo.test", IPAddress.Loopback);
        Device = new Esp32AtDevice(new EmulatorTransport(Emulator), new Esp32AtOptions());
        Device.Initialize();
        Device.Executor.Trace = Trace;
        Device.Executor.Execute("AT+CWMODE=1", 2000);
        Device.Executor.Execute("AT+CWJAP=\"Home\",\"secret-pass\"", 5000, resendOnBusy: false);
        Pool = new SocketPool(Device);
    }

    public EspEmulator Emulator { get; }
    public Esp32AtDevice Device { get; }
    public SocketPool Pool { get; }
    public TraceLog Trace { get; } = new();

    public Esp32At.CircuitPython.Socket Tcp() => Pool.Socket(SocketPool.AF_INET, SocketPool.SOCK_STREAM);

    public Esp32At.CircuitPython.Socket Udp() => Pool.Socket(SocketPool.AF_INET, SocketPool.SOCK_DGRAM);

    /// <summary>Reads until <paramref name="total"/> bytes or end of stream.</summary>
    public static byte[] ReadAll(Esp32At.CircuitPython.Socket s, int total)
    {
        var result = new MemoryStream();
        var buf = new byte[2048];
        while (result.Length < total)
        {
            int n = s.RecvInto(buf);
            if (n == 0) break;
            result.Write(buf, 0, n);
        }
        return result.ToArray();
    }

    public void Dispose()
    {
        Device.Dispose();
        Emulator.Dispose();
    }

    /// <summary>The AT trace, kept for assertions on notes.</summary>
    public sealed class TraceLog : IAtTraceSink
    {
        private readonly List<string> lines = new();

        public void Trace(string direction, string text)
        {
            lock (lines) lines.Add(direction + " " + text);
        }

        public string[] Lines
        {
            get { lock (lines) return lines.ToArray(); }
        }
    }
}
