using System.Net;
using System.Net.Sockets;

namespace Esp32At.Tests.Reliability;

/// <summary>
/// A loopback TCP server for many clients in turn: echoes (when asked) and records every byte each connection
/// delivered, so a test can tell what actually reached the peer (nothing lost, nothing sent twice).
/// </summary>
public sealed class EchoPeer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<MemoryStream> received = [];
    private readonly List<TcpClient> clients = [];
    private readonly Thread thread;
    private readonly bool echo;
    private volatile bool stopped;

    public EchoPeer(bool echo = true)
    {
        this.echo = echo;
        listener.Start();
        thread = new Thread(AcceptLoop) { IsBackground = true, Name = "echo peer" };
        thread.Start();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections { get { lock (received) return received.Count; } }

    /// <summary>What connection <paramref name="index"/> delivered so far.</summary>
    public byte[] Received(int index)
    {
        lock (received) return received[index].ToArray();
    }

    /// <summary>Waits until connection <paramref name="index"/> delivered at least <paramref name="count"/> bytes.</summary>
    public bool WaitForBytes(int index, int count, int timeoutMs)
    {
        var end = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < end)
        {
            lock (received)
            {
                if (received.Count > index && received[index].Length >= count) return true;
                Monitor.Wait(received, 50);
            }
        }
        return false;
    }

    private void AcceptLoop()
    {
        while (!stopped)
        {
            TcpClient client;
            try { client = listener.AcceptTcpClient(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException) { return; }
            MemoryStream log;
            lock (received)
            {
                log = new MemoryStream();
                received.Add(log);
                clients.Add(client);
            }
            new Thread(() => Serve(client, log)) { IsBackground = true }.Start();
        }
    }

    private void Serve(TcpClient client, MemoryStream log)
    {
        try
        {
            var s = client.GetStream();
            var b = new byte[4096];
            int n;
            while ((n = s.Read(b, 0, b.Length)) > 0)
            {
                lock (received)
                {
                    log.Write(b, 0, n);
                    Monitor.PulseAll(received);
                }
                if (echo) s.Write(b, 0, n);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException) { }
        finally { client.Dispose(); }
    }

    public void Dispose()
    {
        stopped = true;
        listener.Stop();
        lock (received) foreach (var c in clients) c.Dispose();
        thread.Join(2000);
    }
}
