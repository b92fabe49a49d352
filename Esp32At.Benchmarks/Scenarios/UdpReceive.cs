using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Esp32At.Benchmarks.Line;
using Esp32At.Benchmarks.Peers;

namespace Esp32At.Benchmarks.Scenarios;

/// <summary>
/// Small UDP datagrams received: a loopback peer offers datagrams of <c>size</c> bytes at 1.25× what the UART can
/// carry as active <c>+IPD</c> frames (UDP has no flow control: the ESP drops what the line cannot take), and the
/// application reads whole datagrams with <see cref="Links.ConnectionTable.Receive"/> for a fixed time. The limit is the
/// line rate / the wire bytes one frame takes (its header, the payload and the line end), measured, so the ratio is
/// what the driver loses to its own hand-offs. Where the firmware has no per-link receive mode (before v3.3) the link
/// is passive and each read is a CIPRECVDATA exchange.
/// </summary>
public static class UdpReceive
{
    private const int EspPort = 4210;

    public static UdpReceiveResult Run(BenchRig rig, int size, TimeSpan duration)
    {
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int peerPort = ((IPEndPoint)peer.LocalEndPoint!).Port;
        int link = rig.Links.OpenUdp("127.0.0.1", peerPort, EspPort);
        var target = rig.Emulator.Links.Ports.Udp(EspPort) ?? throw new InvalidOperationException($"ESP UDP port {EspPort} not mapped");
        var payload = Pattern.Block(size);
        var buffer = new byte[2048];
        // The frame's wire size, for pacing the offer: header "\r\n+IPD,0,64:" (and the sender with CIPDINFO) + payload.
        double offered = LineRate.BytesPerSecond(rig.Baud) / (size + 40.0) * 1.25;
        using var stop = new ManualResetEventSlim();
        long sentCount = 0;
        var sender = new Thread(() =>
        {
            long start = Stopwatch.GetTimestamp();
            while (!stop.IsSet)
            {
                double due = (double)(Stopwatch.GetTimestamp() - start) / Stopwatch.Frequency * offered;
                while (sentCount < due) { peer.SendTo(payload, target); sentCount++; }
                Thread.Sleep(1);
            }
        }) { IsBackground = true, Name = "udp offer" };
        sender.Start();
        for (int i = 0; i < 5; i++) rig.Links.Receive(link, buffer, 0, buffer.Length, 5000); // warm-up
        var before = rig.Wire.Snapshot();
        var meter = AllocationMeter.Start();
        long clockStart = Stopwatch.GetTimestamp();
        long end = clockStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long received = 0, bytes = 0;
        while (Stopwatch.GetTimestamp() < end)
        {
            int n = rig.Links.Receive(link, buffer, 0, buffer.Length, 5000);
            received++;
            bytes += n;
        }
        double seconds = (double)(Stopwatch.GetTimestamp() - clockStart) / Stopwatch.Frequency;
        double allocated = meter.PerOperation(received);
        var wire = rig.Wire.Snapshot() - before;
        stop.Set();
        sender.Join();
        rig.Links.Close(link);
        // Active frames: one datagram per read. A passive link (v2.2) may merge datagrams in one read: count bytes.
        long datagrams = bytes / size;
        if (datagrams == 0) throw new InvalidOperationException("no datagram received");
        double bytesIn = (double)wire.BytesIn / datagrams;
        double lineRate = LineRate.BytesPerSecond(rig.Baud);
        return new UdpReceiveResult(rig.Profile.Name, rig.Baud, size, datagrams, datagrams / seconds, offered,
            lineRate / size, lineRate / bytesIn, (double)wire.Writes / datagrams, (double)wire.BytesOut / datagrams, bytesIn,
            allocated, rig.RingHighWater);
    }
}
