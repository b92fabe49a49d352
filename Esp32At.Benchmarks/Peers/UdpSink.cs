using System.Net;
using System.Net.Sockets;

namespace Esp32At.Benchmarks.Peers;

/// <summary>A loopback UDP socket that counts datagrams and their bytes.</summary>
public sealed class UdpSink : IDisposable
{
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Thread thread;
    private long datagrams;
    private long bytes;
    private readonly object gate = new();

    public UdpSink()
    {
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.ReceiveBufferSize = 1 << 20;
        thread = new Thread(() =>
        {
            var b = new byte[65536];
            try
            {
                while (true)
                {
                    int n = socket.Receive(b);
                    lock (gate)
                    {
                        datagrams++;
                        bytes += n;
                        Monitor.PulseAll(gate);
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException) { }
        }) { IsBackground = true, Name = "udp sink" };
        thread.Start();
    }

    public int Port => ((IPEndPoint)socket.LocalEndPoint!).Port;

    public long Datagrams { get { lock (gate) return datagrams; } }

    /// <summary>Waits until <paramref name="count"/> datagrams arrived; false after <paramref name="timeout"/>.</summary>
    public bool WaitFor(long count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (gate)
        {
            while (datagrams < count)
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
        socket.Dispose();
        thread.Join(2000);
    }
}
