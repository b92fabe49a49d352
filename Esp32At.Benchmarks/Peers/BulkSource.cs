using System.Net;
using System.Net.Sockets;

namespace Esp32At.Benchmarks.Peers;

/// <summary>
/// A loopback TCP server that, for each client, sends <c>total</c> bytes of a known pattern and closes; with
/// <c>awaitTrigger</c> it first waits for one byte from the client (so a timed transfer starts when the client says).
/// </summary>
public sealed class BulkSource : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Thread thread;

    public BulkSource(long total, bool awaitTrigger = false)
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
                    var block = Pattern.Block(8192);
                    if (awaitTrigger && stream.Read(block, 0, 1) <= 0) continue;
                    block = Pattern.Block(8192);
                    long left = total;
                    while (left > 0)
                    {
                        int n = (int)Math.Min(left, block.Length);
                        stream.Write(block, 0, n);
                        left -= n;
                    }
                    client.Client.Shutdown(SocketShutdown.Send);
                    // Wait for the client's close so the last bytes are not cut by a reset.
                    try { while (stream.Read(block, 0, block.Length) > 0) { } } catch (IOException) { }
                }
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or InvalidOperationException) { }
        }) { IsBackground = true, Name = "bulk source" };
        thread.Start();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public void Dispose()
    {
        listener.Stop();
        thread.Join(2000);
    }
}
