using System.Net;
using System.Net.Sockets;

namespace Esp32At.Benchmarks.Peers;

/// <summary>A loopback TCP server that counts what clients send; <see cref="WaitFor"/> waits until a total arrived.</summary>
public sealed class BulkSink : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Thread thread;
    private long received;
    private readonly object gate = new();

    public BulkSink()
    {
        listener.Start();
        thread = new Thread(() =>
        {
            try
            {
                while (true)
                {
                    using var client = listener.AcceptTcpClient();
                    var stream = client.GetStream();
                    var b = new byte[65536];
                    int n;
                    while ((n = stream.Read(b, 0, b.Length)) > 0)
                    {
                        lock (gate)
                        {
                            received += n;
                            Monitor.PulseAll(gate);
                        }
                    }
                }
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or InvalidOperationException) { }
        }) { IsBackground = true, Name = "bulk sink" };
        thread.Start();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public long Received { get { lock (gate) return received; } }

    /// <summary>Waits until at least <paramref name="total"/> bytes arrived; false after <paramref name="timeout"/>.</summary>
    public bool WaitFor(long total, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (gate)
        {
            while (received < total)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return false;
                Monitor.Wait(gate, left);
            }
            return true;
        }
    }

    public void Dispose()
    {
        listener.Stop();
        thread.Join(2000);
    }
}
