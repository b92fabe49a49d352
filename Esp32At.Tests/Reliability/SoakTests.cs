using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Esp32At.Links;
using Xunit.Abstractions;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// Many small HTTP exchanges through the emulator, as a server on the ESP (LinkServer + a minimal responder, real
/// loopback clients) and as a client (links to a loopback HTTP server). Counts failures (goal 0) and reports the ring
/// buffer's high-water mark and managed-memory growth. CI runs <see cref="CiExchanges"/> per direction; the long run
/// sets <c>ESP32AT_SOAK_EXCHANGES=10000</c> (see docs/reliability.md).
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int CiExchanges = 250;

    private static int Exchanges =>
        int.TryParse(Environment.GetEnvironmentVariable("ESP32AT_SOAK_EXCHANGES"), out int n) && n > 0 ? n : CiExchanges;

    [Fact]
    public void ServerOnTheEsp_AnswersEveryRequest_WithoutFailuresOrGrowth()
    {
        using var f = new FaultFixture();
        f.Trace.MaxLines = 400; // the last exchanges are enough to show a failure
        f.Wire.Recording = false; // memory growth must be the library's, not the test's record of the wire
        var server = new LinkServer(f.Links);
        int espPort = FreePort();
        server.Start(espPort, 5);
        var endpoint = f.Emulator.Links.Ports.TcpServer(espPort)!;
        int total = Exchanges;
        using var stop = new CancellationTokenSource();
        var responder = new Thread(() => Respond(f, stop.Token)) { IsBackground = true, Name = "esp http responder" };
        responder.Start();

        var result = Run(f, total, n =>
        {
            using var client = new TcpClient();
            client.ReceiveTimeout = 10_000;
            client.Connect(endpoint);
            var s = client.GetStream();
            s.Write(HttpExchange.Request(n));
            using var got = new MemoryStream();
            s.CopyTo(got);
            var ok = got.ToArray().AsSpan().SequenceEqual(HttpExchange.Response(n, HttpExchange.BodySize(n)));
            return ok;
        });
        stop.Cancel();
        responder.Join(10_000);
        if (result.Failures > 0) foreach (var l in f.Trace.Lines.TakeLast(40)) output.WriteLine(l); // the wire around the last failure
        Report("server", result);
    }

    [Fact]
    public void ClientOnTheEsp_GetsEveryResponse_WithoutFailuresOrGrowth()
    {
        using var f = new FaultFixture();
        f.Trace.MaxLines = 400; // the last exchanges are enough to show a failure
        f.Wire.Recording = false; // memory growth must be the library's, not the test's record of the wire
        using var http = new LoopbackHttpServer();
        var buf = new byte[1024];
        var result = Run(f, Exchanges, n =>
        {
            int id = f.Links.OpenTcp("127.0.0.1", http.Port, 5000);
            var request = HttpExchange.Request(n);
            f.Links.Send(id, request, 0, request.Length);
            using var got = new MemoryStream();
            int r;
            while ((r = f.Links.Receive(id, buf, 0, buf.Length, 5000)) > 0) got.Write(buf, 0, r);
            f.Links.Close(id);
            return got.ToArray().AsSpan().SequenceEqual(HttpExchange.Response(n, HttpExchange.BodySize(n)));
        });
        Report("client", result);
    }

    private sealed record SoakResult(int Total, int Failures, string? FirstFailure, int RingHighWater, int RingCapacity, long MemoryGrowth, TimeSpan Elapsed);

    private static SoakResult Run(FaultFixture f, int total, Func<int, bool> exchange)
    {
        int warmUp = Math.Min(20, total);
        int failures = 0;
        string? first = null;
        long memoryAfterWarmUp = 0;
        var sw = Stopwatch.StartNew();
        for (int n = 0; n < total; n++)
        {
            if (n == warmUp) memoryAfterWarmUp = Memory();
            try
            {
                if (!exchange(n)) { failures++; first ??= $"#{n}: wrong bytes"; }
            }
            catch (Exception e)
            {
                failures++;
                first ??= $"#{n}: {e.GetType().Name}: {e.Message}";
            }
        }
        return new SoakResult(total, failures, first, f.Device.Executor.Ring.HighWaterMark, f.Device.Options.RingBufferSize,
            Memory() - memoryAfterWarmUp, sw.Elapsed);
    }

    private void Report(string side, SoakResult r)
    {
        var line = $"soak {side}: {r.Total} exchanges, {r.Failures} failures, ring high-water {r.RingHighWater}/{r.RingCapacity} B, " +
                   $"managed memory growth {r.MemoryGrowth / 1024} KiB, {r.Elapsed.TotalSeconds:0.0} s";
        output.WriteLine(line);
        var log = Environment.GetEnvironmentVariable("ESP32AT_SOAK_LOG");
        if (!string.IsNullOrEmpty(log)) File.AppendAllText(log, line + Environment.NewLine);
        Assert.True(r.Failures == 0, line + "; first: " + r.FirstFailure);
        Assert.True(r.RingHighWater < r.RingCapacity, "the ring filled up: " + line);
        Assert.True(r.MemoryGrowth < 8 * 1024 * 1024, "memory grew: " + line);
    }

    private static long Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }

    /// <summary>The ESP side of the server soak: accept, read one request, answer, close.</summary>
    private static void Respond(FaultFixture f, CancellationToken stop)
    {
        var buf = new byte[512];
        while (!stop.IsCancellationRequested)
        {
            int id = f.Links.Accept(200);
            if (id < 0) continue;
            try
            {
                var request = new StringBuilder();
                while (!request.ToString().Contains("\r\n\r\n"))
                {
                    int r = f.Links.Receive(id, buf, 0, buf.Length, 5000);
                    if (r == 0) break;
                    request.Append(Encoding.ASCII.GetString(buf, 0, r));
                }
                int n = HttpExchange.RequestNumber(request.ToString());
                var response = HttpExchange.Response(n, HttpExchange.BodySize(n));
                f.Links.Send(id, response, 0, response.Length);
            }
            catch (Exception) { } // the client sees the failure and counts it
            finally { f.Links.Close(id); }
        }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>A loopback HTTP server: one request per connection, answered and closed.</summary>
    private sealed class LoopbackHttpServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly Thread thread;

        public LoopbackHttpServer()
        {
            listener.Start();
            thread = new Thread(() =>
            {
                while (true)
                {
                    try
                    {
                        using var c = listener.AcceptTcpClient();
                        c.ReceiveTimeout = 10_000;
                        var s = c.GetStream();
                        var request = new StringBuilder();
                        var b = new byte[512];
                        while (!request.ToString().Contains("\r\n\r\n"))
                        {
                            int r = s.Read(b, 0, b.Length);
                            if (r == 0) break;
                            request.Append(Encoding.ASCII.GetString(b, 0, r));
                        }
                        int n = HttpExchange.RequestNumber(request.ToString());
                        s.Write(HttpExchange.Response(n, HttpExchange.BodySize(n)));
                        c.Client.Shutdown(SocketShutdown.Send);
                    }
                    catch (Exception e) when (e is SocketException or IOException) { }
                    catch (ObjectDisposedException) { return; }
                    catch (InvalidOperationException) { return; }
                }
            }) { IsBackground = true, Name = "loopback http" };
            thread.Start();
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public void Dispose()
        {
            listener.Stop();
            thread.Join(2000);
        }
    }
}

/// <summary>The soak measures the whole process's managed memory: it runs alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "soak (alone)";
}
