using Esp32At.Device;
using Esp32At.Emulator.Core;
using Esp32At.Emulator.Profiles;
using Esp32At.Hosting;
using Esp32At.Links;
using Esp32At.Tests.Device;
using Esp32At.Tests.EmulatorNet;

namespace Esp32At.Tests.Links;

/// <summary>
/// An emulated ESP in active receive mode (Esp32AtOptions.ActiveTcpReceive), joined to the AP, with a recording wire
/// and a connection table; <paramref name="hostBuffer"/> models the host UART driver's receive buffer (0: unbounded).
/// </summary>
public sealed class ActiveRig : IDisposable
{
    public ActiveRig(FirmwareProfile profile, int baud = 0, bool flow = false, int bufferBytes = 8192, int hostBuffer = 0)
    {
        Emulator = new EspEmulator(new EmulatorOptions { Profile = profile, SpeedFactor = 0, BootTimeMs = 0 });
        Wire = new RecordingTransport(new EmulatorTransport(Emulator));
        Device = new Esp32AtDevice(Wire, new Esp32AtOptions
        {
            ActiveTcpReceive = true, ActiveReceiveBufferBytes = bufferBytes, BaudRate = baud, HardwareFlowControl = flow,
        });
        Device.Initialize();
        Device.Executor.Execute("AT+CWMODE=1", 2000);
        Device.Executor.Execute("AT+CWJAP=\"Home\",\"secret-pass\"", 5000, resendOnBusy: false);
        Links = new ConnectionTable(Device);
        Emulator.Port.HostReceiveBufferSize = hostBuffer;
    }

    public EspEmulator Emulator { get; }
    public RecordingTransport Wire { get; }
    public Esp32AtDevice Device { get; }
    public ConnectionTable Links { get; }

    public void Dispose()
    {
        Device.Dispose();
        Emulator.Dispose();
    }

    public static byte[] Pattern(int seed, int size)
    {
        var b = new byte[size];
        new Random(seed).NextBytes(b);
        return b;
    }

    /// <summary>Random bytes with AT framing traps (+IPD headers, CLOSED, OK, ready, a prompt) every 50-400 bytes.</summary>
    public static byte[] Tricky(int seed, int size)
    {
        var data = Pattern(seed, size);
        var traps = new[] { "\r\n+IPD,0,100:", "\r\n0,CLOSED\r\n", "\r\nOK\r\n", "\r\nready\r\n", "\r\n>", "+IPD,1,2920,\"1.2.3.4\",80:" };
        var rng = new Random(seed + 1);
        for (int at = 0; at < size - 32; at += rng.Next(50, 400))
        {
            var t = System.Text.Encoding.ASCII.GetBytes(traps[rng.Next(traps.Length)]);
            Array.Copy(t, 0, data, at, t.Length);
        }
        return data;
    }

    /// <summary>A server that sends <paramref name="data"/>, then reads until the client closes.</summary>
    public static LoopbackServer Sender(byte[] data) => new(s =>
    {
        s.Write(data, 0, data.Length);
        try { while (s.Read(new byte[64], 0, 64) > 0) { } } catch (IOException) { }
    });

    /// <summary>Reads until <paramref name="total"/> bytes or a silent <paramref name="quietMs"/>; sleeps between reads.</summary>
    public static byte[] ReadSlowly(ConnectionTable links, int id, int total, int piece, int pauseMs, int quietMs)
    {
        var got = new byte[total];
        int at = 0;
        while (at < total)
        {
            if (!links.TryReceive(id, got, at, Math.Min(piece, total - at), quietMs, out int n) || n == 0) break;
            at += n;
            if (pauseMs > 0) Thread.Sleep(pauseMs);
        }
        return got[..at];
    }
}
