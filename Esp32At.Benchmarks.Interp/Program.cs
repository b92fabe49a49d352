using System;
using System.Diagnostics;
using System.Net;
using Esp32At.Device;
using Esp32At.Engine;
using Esp32At.Links;
using Esp32At.Wifi;

namespace Esp32At.Benchmarks.Interp
{
    /// <summary>
    /// Driver: Esp32At.Benchmarks.Interp ESP_HOST:PORT SOURCE_PORT SINK_PORT BYTES SSID PASSWORD
    /// (started by Esp32At.Benchmarks --interp, which owns the emulator, a bulk source sending BYTES per connection and a
    /// counting sink). Prints one line per case: "row|case|payload bytes|operations|CPU s|wall s|host writes|user CPU s".
    /// CPU is the whole process's (caller thread, pump thread, runtime), which is what a device would pay.
    /// </summary>
    internal static class Program
    {
        private const int ReadTimeoutMs = 15000;

        private static int Main(string[] args)
        {
            if (args.Length < 6)
            {
                Console.Error.WriteLine("usage: Esp32At.Benchmarks.Interp ESP_HOST:PORT SOURCE_PORT SINK_PORT BYTES SSID PASSWORD");
                return 2;
            }
            var esp = ParseEndPoint(args[0]);
            int sourcePort = int.Parse(args[1]);
            int sinkPort = int.Parse(args[2]);
            long size = long.Parse(args[3]);
            using (var wire = new SocketTransport(esp))
            {
                // Passive receive (the default), then a second session with active receive (Esp32AtOptions.ActiveTcpReceive).
                Session(wire, args, sourcePort, sinkPort, size, false);
                Session(wire, args, sourcePort, sinkPort, size, true);
            }
            return 0;
        }

        private static void Session(SocketTransport wire, string[] args, int sourcePort, int sinkPort, long size, bool active)
        {
            using (var device = new Esp32AtDevice(wire, new Esp32AtOptions { HardResetOnInit = false, ActiveTcpReceive = active }))
            {
                device.Initialize();
                new WifiService(device).Join(args[4], args[5], null, 10);
                var links = new ConnectionTable(device);
                var cases = new Cases(device, links, wire, sourcePort, sinkPort, size);
                // One pass to warm up (the JIT's tiers; the interpreter's method transforms), then the measured pass.
                if (active)
                {
                    cases.RunActive(false);
                    cases.RunActive(true);
                    return;
                }
                cases.RunAll(false);
                cases.RunAll(true);
            }
        }

        private static IPEndPoint ParseEndPoint(string text)
        {
            int colon = text.LastIndexOf(':');
            return new IPEndPoint(IPAddress.Parse(text.Substring(0, colon)), int.Parse(text.Substring(colon + 1)));
        }

        /// <summary>The measured cases; each reports what it moved and what it cost.</summary>
        private sealed class Cases
        {
            private readonly Esp32AtDevice device;
            private readonly ConnectionTable links;
            private readonly SocketTransport wire;
            private readonly int sourcePort;
            private readonly int sinkPort;
            private readonly long size;
            private readonly AtCommandBuffer attention = new AtCommandBuffer(8).Append(DeviceCommands.Attention).AppendLineEnd();
            private readonly byte[] block = new byte[8192];
            private byte[] whole;

            public Cases(Esp32AtDevice device, ConnectionTable links, SocketTransport wire, int sourcePort, int sinkPort, long size)
            {
                this.device = device;
                this.links = links;
                this.wire = wire;
                this.sourcePort = sourcePort;
                this.sinkPort = sinkPort;
                this.size = size;
                for (int i = 0; i < block.Length; i++) block[i] = (byte)i;
            }

            public void RunAll(bool report)
            {
                PerByteLoop(report);
                Exchanges(report, 5000);
                Receive(report, 8192);
                Receive(report, 1024);
                SendChunks(report, 8192);
                SendWhole(report);
            }

            /// <summary>Receive with the session's links in active mode: +IPD frames into the link's buffer, no exchange per read.</summary>
            public void RunActive(bool report)
            {
                Receive(report, 8192, "receive active, ");
                Receive(report, 1024, "receive active, ");
            }

            /// <summary>
            /// Reference, not library code: what one managed loop touching each payload byte once costs on this runtime,
            /// i.e. what any per-byte loop over payload in the library would add per KiB.
            /// </summary>
            private void PerByteLoop(bool report)
            {
                int sum = 0;
                int passes = (int)(size / block.Length);
                var mark = Mark.Now(wire);
                for (int p = 0; p < passes; p++)
                    for (int i = 0; i < block.Length; i++) sum += block[i];
                mark.Report(report, "reference: a per-byte loop over the payload", (long)passes * block.Length, passes);
                if (sum == 42) Console.WriteLine();
            }

            private void Exchanges(bool report, int count)
            {
                var mark = Mark.Now(wire);
                for (int i = 0; i < count; i++)
                {
                    var code = device.Executor.Run(attention, null, 2000, false);
                    if (code != AtResultCode.Ok) throw new InvalidOperationException("AT answered " + code);
                }
                mark.Report(report, "AT exchange", 0, count);
            }

            private void Receive(bool report, int readSize, string label = "receive, ")
            {
                int link = links.OpenTcp("127.0.0.1", sourcePort);
                var buffer = new byte[readSize];
                var mark = Mark.Now(wire);
                long got = 0;
                int reads = 0;
                while (got < size)
                {
                    int n = links.Receive(link, buffer, 0, readSize, ReadTimeoutMs);
                    if (n == 0) break;
                    got += n;
                    reads++;
                }
                mark.Report(report, label + (readSize / 1024) + " KiB reads", got, reads);
                links.Close(link);
                if (got != size) throw new InvalidOperationException("received " + got + " of " + size + " bytes");
            }

            private void SendChunks(bool report, int chunk)
            {
                int link = links.OpenTcp("127.0.0.1", sinkPort);
                var mark = Mark.Now(wire);
                int sends = 0;
                for (long left = size; left > 0; left -= chunk)
                {
                    links.Send(link, block, 0, (int)Math.Min(chunk, left));
                    sends++;
                }
                mark.Report(report, "send, " + (chunk / 1024) + " KiB writes", size, sends);
                links.Close(link);
            }

            private void SendWhole(bool report)
            {
                if (whole == null)
                {
                    whole = new byte[size];
                    for (int i = 0; i < whole.Length; i++) whole[i] = (byte)i;
                }
                int link = links.OpenTcp("127.0.0.1", sinkPort);
                var mark = Mark.Now(wire);
                links.Send(link, whole, 0, whole.Length);
                mark.Report(report, "send, one " + (size / 1024) + " KiB write", size, 1);
                links.Close(link);
            }
        }

        /// <summary>CPU, wall clock and host writes at a point, and the difference printed as a result row.</summary>
        private struct Mark
        {
            private TimeSpan cpu;
            private TimeSpan user;
            private Stopwatch wall;
            private long writes;
            private SocketTransport wire;

            public static Mark Now(SocketTransport wire)
            {
                var process = Process.GetCurrentProcess();
                return new Mark { cpu = process.TotalProcessorTime, user = process.UserProcessorTime, wall = Stopwatch.StartNew(), writes = wire.Writes, wire = wire };
            }

            public void Report(bool report, string name, long bytes, int operations)
            {
                double seconds = wall.Elapsed.TotalSeconds;
                var process = Process.GetCurrentProcess();
                double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
                double userSeconds = (process.UserProcessorTime - user).TotalSeconds;
                if (!report) return;
                Console.WriteLine("row|" + name + "|" + bytes + "|" + operations + "|" + cpuSeconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture)
                    + "|" + seconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "|" + (wire.Writes - writes)
                    + "|" + userSeconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
