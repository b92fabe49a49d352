using System.Diagnostics;
using System.Net;
using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Hosting;
using Esp32At.Links;
using Esp32At.Tests.Device;
using Esp32At.Wifi;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// The whole library over an instant-timing emulator: device, Wi-Fi service (joined through the service, so it
/// re-joins after a reboot), connection table, with the host's writes recorded and every trace event kept.
/// </summary>
public sealed class FaultFixture : IDisposable
{
    public const string Ssid = "Home";
    public const string Password = "secret-pass";

    public FaultFixture(string profile = "v4.1.1-c3", Func<EmulatorOptions, EmulatorOptions>? configure = null, bool join = true)
    {
        var options = new EmulatorOptions { Profile = FirmwareProfile.Named(profile), SpeedFactor = 0, BootTimeMs = 0 };
        if (configure is not null) options = configure(options);
        Emulator = new EspEmulator(options);
        Emulator.Links.Dns.Add("echo.test", IPAddress.Loopback);
        Wire = new RecordingTransport(new EmulatorTransport(Emulator));
        Device = new Esp32AtDevice(Wire, new Esp32AtOptions());
        Device.Executor.Trace = Trace;
        Device.Initialize();
        Wifi = new WifiService(Device);
        if (join)
        {
            Wifi.SetMode(WifiMode.Station);
            Wifi.Join(Ssid, Password, null, 0);
        }
        Links = new ConnectionTable(Device);
    }

    public EspEmulator Emulator { get; }
    public RecordingTransport Wire { get; }
    public Esp32AtDevice Device { get; }
    public WifiService Wifi { get; }
    public ConnectionTable Links { get; }
    public TraceRecorder Trace { get; } = new();

    /// <summary>How many times the host wrote <paramref name="text"/> (e.g. a command line) from power-on.</summary>
    public int Count(string text)
    {
        var all = Wire.Written;
        int n = 0;
        for (int at = all.IndexOf(text, StringComparison.Ordinal); at >= 0; at = all.IndexOf(text, at + text.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>Waits until the host has written <paramref name="text"/> after character <paramref name="from"/> of the wire record.</summary>
    public bool WaitForWrite(string text, int from, int timeoutMs = 5000)
    {
        var end = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < end)
        {
            var all = Wire.Written;
            if (all.IndexOf(text, Math.Min(from, all.Length), StringComparison.Ordinal) >= 0) return true;
            Thread.Sleep(5); // polling the record: the transport has no write event
        }
        return false;
    }

    /// <summary>Where the wire record ends now (for <see cref="WaitForWrite"/>).</summary>
    public int Mark => Wire.Written.Length;

    /// <summary>Reads until <paramref name="total"/> bytes or end of stream, each read bounded.</summary>
    public byte[] ReadAll(int link, int total, int chunk = 1024, int timeoutMs = 5000)
    {
        var result = new MemoryStream();
        var buf = new byte[chunk];
        while (result.Length < total)
        {
            int n = Links.Receive(link, buf, 0, buf.Length, timeoutMs);
            if (n == 0) break;
            result.Write(buf, 0, n);
        }
        return result.ToArray();
    }

    /// <summary>Runs <paramref name="action"/> and returns how long it took.</summary>
    public static TimeSpan Timed(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed;
    }

    /// <summary>Runs <paramref name="action"/>, expecting <typeparamref name="T"/>, and returns it with the elapsed time.</summary>
    public static (T Error, TimeSpan Elapsed) TimedThrows<T>(Action action) where T : Exception
    {
        var sw = Stopwatch.StartNew();
        var e = Assert.ThrowsAny<T>(action);
        return (e, sw.Elapsed);
    }

    public void Dispose()
    {
        Device.Dispose();
        Emulator.Dispose();
    }
}
