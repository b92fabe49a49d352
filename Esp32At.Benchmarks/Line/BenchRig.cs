using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Hosting;
using Esp32At.Links;
using Esp32At.Wifi;

namespace Esp32At.Benchmarks.Line;

/// <summary>
/// One measured set-up: an emulator at real speed (UART pacing and the command-latency model on) behind a counting
/// transport, the device initialised and switched to <see cref="Baud"/>, joined to the simulated access point, and its
/// connection table. A fresh rig per scenario keeps the ring's high-water mark and the counters per scenario.
/// </summary>
public sealed class BenchRig : IDisposable
{
    private const string Ssid = "Home";
    private const string Password = "secret-pass";

    /// <summary>The emulator's network path for every benchmark link: a Wi-Fi LAN, as between a board and a local peer.</summary>
    public static Esp32At.Emulator.Network.NetworkPath Path => Esp32At.Emulator.Network.NetworkPath.Lan;

    /// <summary>
    /// <paramref name="activeReceive"/>: TCP links receive actively (Esp32AtOptions.ActiveTcpReceive), with RTS/CTS at
    /// every baud (also 115200) and the host's UART receive buffer modelled at the TinyCLR transport's 16 KiB.
    /// </summary>
    public BenchRig(FirmwareProfile profile, int baud, int sslHandshakeMs = 1500, bool activeReceive = false)
    {
        Profile = profile;
        Baud = baud;
        Emulator = new EspEmulator(new EmulatorOptions
        {
            Profile = profile,
            SpeedFactor = 1,
            UartPacing = true,
            Path = Path,
            // Boot and join are not what is measured: keep them short so the run stays under ten minutes.
            BootTimeMs = 20,
            JoinTimeMs = 20,
            SslHandshakeTimeMs = sslHandshakeMs,
            HostPortsSameIfFree = false,
            AccessPoints = [new(Ssid, Password)],
            CommandLatency = CommandLatency,
        });
        Wire = new CountingTransport(new EmulatorTransport(Emulator));
        // Let the power-on banner arrive first: Initialize's hard reset could otherwise take it for its own ready.
        var bootDeadline = DateTime.UtcNow.AddSeconds(5);
        while (Wire.BytesAvailable == 0 && DateTime.UtcNow < bootDeadline) Thread.Sleep(2);
        Device = new Esp32AtDevice(Wire, new Esp32AtOptions
        {
            BaudRate = baud, HardwareFlowControl = baud > 115200 || activeReceive, ActiveTcpReceive = activeReceive,
        });
        Device.Initialize();
        if (activeReceive)
        {
            if (baud == Wire.BaudRate && !Emulator.Port.HostFlowControl) Device.SwitchBaudRate(baud, true); // RTS/CTS on
            Emulator.Port.HostReceiveBufferSize = HostUartBufferBytes;
        }
        if (Wire.BaudRate != baud) throw new InvalidOperationException($"the baud switch to {baud} failed (at {Wire.BaudRate})");
        Device.Executor.Execute("AT+CWMODE=1", 2000);
        Wifi = new WifiService(Device);
        Wifi.Join(Ssid, Password, null, 10);
        Links = new ConnectionTable(Device);
    }

    /// <summary>Changes to the emulator's per-command processing times for every rig (<c>--latency NAME=ms,...</c>), or null.</summary>
    public static string? CommandLatency { get; set; }

    /// <summary>The read buffer Esp32At.TinyCLR's UartTransport gives the UART driver.</summary>
    public const int HostUartBufferBytes = 16 * 1024;

    public FirmwareProfile Profile { get; }
    public int Baud { get; }
    public EspEmulator Emulator { get; }
    public CountingTransport Wire { get; }
    public Esp32AtDevice Device { get; }
    public WifiService Wifi { get; }
    public ConnectionTable Links { get; }

    /// <summary>The most bytes the executor's ring held at once since the rig was made.</summary>
    public int RingHighWater => Device.Executor.Ring.HighWaterMark;

    public void Dispose()
    {
        Device.Dispose();
        Emulator.Dispose();
    }
}
