using System.Net;
using System.Net.Sockets;

namespace Esp32At.Emulator.Transports;

/// <summary>
/// Exposes an emulator's UART as a raw TCP port (the way ser2net exposes a serial line), so any AT client in any
/// language can talk to it. One client at a time; a new client replaces the previous one.
/// </summary>
public sealed class TcpPortBridge : IDisposable
{
    private readonly InProcessPort port;
    private readonly TcpListener listener;
    private readonly Thread acceptThread;
    private volatile bool running = true;
    private TcpClient? client;

    /// <summary>Listens on <paramref name="endpoint"/> (port 0 = any free port; see <see cref="EndPoint"/>).</summary>
    public TcpPortBridge(InProcessPort port, IPEndPoint endpoint)
    {
        this.port = port;
        listener = new TcpListener(endpoint);
        listener.Start();
        acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "esp-at tcp accept" };
        acceptThread.Start();
    }

    /// <summary>Where the bridge listens.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)listener.LocalEndpoint;

    private void AcceptLoop()
    {
        while (running)
        {
            TcpClient accepted;
            try { accepted = listener.AcceptTcpClient(); }
            catch (SocketException) { return; }
            catch (ObjectDisposedException) { return; }
            Interlocked.Exchange(ref client, accepted)?.Dispose();
            accepted.NoDelay = true;
            var stream = accepted.GetStream();
            new Thread(() => ToEmulator(accepted, stream)) { IsBackground = true }.Start();
            new Thread(() => ToClient(accepted, stream)) { IsBackground = true }.Start();
        }
    }

    private void ToEmulator(TcpClient owner, NetworkStream stream)
    {
        var buffer = new byte[4096];
        try
        {
            int n;
            while (running && (n = stream.Read(buffer, 0, buffer.Length)) > 0) port.HostWrite(buffer, 0, n);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { }
        owner.Dispose();
    }

    private void ToClient(TcpClient owner, NetworkStream stream)
    {
        var buffer = new byte[4096];
        try
        {
            while (running && client == owner)
            {
                int n = port.HostRead(buffer, 0, buffer.Length, 100);
                if (n > 0) stream.Write(buffer, 0, n);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { }
    }

    public void Dispose()
    {
        running = false;
        listener.Stop();
        client?.Dispose();
        acceptThread.Join(2000);
    }
}
