using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Hosting;
using Esp32At.Links;
using Esp32At.Tests.Device;

namespace Esp32At.Tests.Links;

/// <summary>A device joined to the in-process emulator (speed 0) with a recorded wire and a connection table.</summary>
internal sealed class EmulatedLinksRig : IDisposable
{
    public EmulatedLinksRig(Esp32AtOptions? options = null, string? profile = null)
    {
        Emulator = new EspEmulator(new EmulatorOptions
        {
            Profile = profile == null ? FirmwareProfile.V4_1_1_C3 : FirmwareProfile.Named(profile),
            SpeedFactor = 0, BootTimeMs = 0, HostPortsSameIfFree = false,
        });
        Wire = new RecordingTransport(new EmulatorTransport(Emulator));
        Device = new Esp32AtDevice(Wire, options ?? new Esp32AtOptions());
        Device.Initialize();
        Device.Executor.Execute("AT+CWMODE=1", 2000);
        Device.Executor.Execute("AT+CWJAP=\"Home\",\"secret-pass\"", 5000, resendOnBusy: false);
        Links = new ConnectionTable(Device);
    }

    public EspEmulator Emulator { get; }
    public RecordingTransport Wire { get; }
    public Esp32AtDevice Device { get; }
    public ConnectionTable Links { get; }

    /// <summary>Waits until the ESP's notice announced <paramref name="total"/> bytes for the link.</summary>
    public void WaitAvailable(int id, int total)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Links.Available(id) < total && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.Equal(total, Links.Available(id));
    }

    /// <summary>Reads <paramref name="total"/> bytes in reads of at most <paramref name="piece"/>; each read must return bytes.</summary>
    public byte[] ReadAll(int id, int total, int piece)
    {
        var got = new byte[total];
        int at = 0;
        while (at < total)
        {
            int n = Links.Receive(id, got, at, Math.Min(piece, total - at), 5000);
            Assert.True(n > 0);
            at += n;
        }
        return got;
    }

    public void Dispose()
    {
        Device.Dispose();
        Emulator.Dispose();
    }
}
